package io.dvmigrate.emulator.odata;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The key inside a segment's parentheses: a bare primary id ({@code (00000000-...)}) or named parts
 * ({@code (accountnumber='A-1')}, {@code (firstname='Joe',emailaddress1='joe@x')}). Values stay as literals:
 * String, UUID, BigDecimal, Boolean or null.
 */
public record KeyPredicate(Object single, Map<String, Object> named) {
    private static final Pattern GUID = Pattern.compile(
            "\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}?");

    public static KeyPredicate parse(String text) {
        var parts = QueryString.splitTopLevel(text, ',');
        if (parts.size() == 1 && !hasNameOutsideQuotes(parts.get(0))) {
            return new KeyPredicate(literal(parts.get(0).trim()), Map.of());
        }
        Map<String, Object> named = new LinkedHashMap<>();
        for (String part : parts) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw Errors.badRequest("Bad key predicate '(" + text + ")'.");
            }
            named.put(part.substring(0, equals).trim(), literal(part.substring(equals + 1).trim()));
        }
        return new KeyPredicate(null, named);
    }

    private static boolean hasNameOutsideQuotes(String part) {
        int quote = part.indexOf('\'');
        int equals = part.indexOf('=');
        return equals > 0 && (quote < 0 || equals < quote);
    }

    /** Decodes a key literal. */
    public static Object literal(String text) {
        if (text.startsWith("'") && text.endsWith("'") && text.length() >= 2) {
            return text.substring(1, text.length() - 1).replace("''", "'");
        }
        if (GUID.matcher(text).matches()) {
            return UUID.fromString(text.replace("{", "").replace("}", ""));
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.equals("null")) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw Errors.badRequest("Bad key literal '" + text + "'.");
        }
    }

    public boolean isSingle() {
        return named.isEmpty();
    }
}
