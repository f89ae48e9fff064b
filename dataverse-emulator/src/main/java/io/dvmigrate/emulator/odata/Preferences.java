package io.dvmigrate.emulator.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Prefer} header: {@code return=representation}, {@code odata.include-annotations},
 * {@code odata.maxpagesize}, {@code odata.track-changes}, {@code odata.continue-on-error}. Several preferences may
 * come in one header (comma-separated) or in several headers.
 */
public record Preferences(boolean returnRepresentation, String includeAnnotations, Integer maxPageSize,
                          boolean trackChanges, boolean continueOnError) {

    public static final int MAX_PAGE_SIZE = 5000;

    public static Preferences parse(List<String> headers) {
        boolean representation = false;
        String annotations = null;
        Integer pageSize = null;
        boolean tracking = false;
        boolean continueOnError = false;
        for (String header : headers) {
            for (String item : QueryString.splitTopLevel(header.replace('"', '\''), ',')) {
                String preference = item.trim();
                int equals = preference.indexOf('=');
                String name = (equals < 0 ? preference : preference.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
                String value = equals < 0 ? "" : preference.substring(equals + 1).trim().replace("'", "");
                switch (name) {
                    case "return" -> representation = value.equalsIgnoreCase("representation");
                    case "odata.include-annotations" -> annotations = value;
                    case "odata.maxpagesize" -> {
                        try {
                            pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Integer.parseInt(value)));
                        } catch (NumberFormatException e) {
                            throw Errors.badRequest("The value '" + value + "' of odata.maxpagesize is not a number.");
                        }
                    }
                    case "odata.track-changes" -> tracking = true;
                    case "odata.continue-on-error" -> continueOnError = true;
                    default -> {
                    }
                }
            }
        }
        return new Preferences(representation, annotations, pageSize, tracking, continueOnError);
    }

    public static Preferences none() {
        return new Preferences(false, null, null, false, false);
    }

    /** Whether an annotation term (e.g. {@code OData.Community.Display.V1.FormattedValue}) was asked for. */
    public boolean wants(String term) {
        if (includeAnnotations == null) {
            return false;
        }
        boolean wanted = false;
        for (String pattern : includeAnnotations.split(",")) {
            String trimmed = pattern.trim();
            boolean exclude = trimmed.startsWith("-");
            String body = exclude ? trimmed.substring(1) : trimmed;
            boolean matches = body.equals("*") || body.equalsIgnoreCase(term)
                    || (body.endsWith(".*") && term.startsWith(body.substring(0, body.length() - 1)));
            if (matches) {
                if (exclude) {
                    return false;
                }
                wanted = true;
            }
        }
        return wanted;
    }

    /** The Preference-Applied items this request earns (excluding track-changes, which depends on the table). */
    public List<String> applied(boolean pagedRead) {
        List<String> applied = new ArrayList<>();
        if (maxPageSize != null && pagedRead) {
            applied.add("odata.maxpagesize=" + maxPageSize);
        }
        if (includeAnnotations != null) {
            applied.add("odata.include-annotations=\"" + includeAnnotations + "\"");
        }
        return applied;
    }
}
