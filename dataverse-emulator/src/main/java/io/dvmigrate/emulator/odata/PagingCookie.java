package io.dvmigrate.emulator.odata;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $skiptoken} of a next link, shaped like Dataverse's paging cookie:
 * {@code <cookie pagenumber="2" pagingcookie="%3ccookie%20page%3d%221%22%3e...%3c%2fcookie%3e" istracking="False" />}.
 * It holds the position after the last row served (its sort values and id) and, for change tracking, the version
 * range being read. Clients treat it as opaque.
 *
 * @param sortValues  the last row's values of the $orderby columns (text form; null for null)
 * @param snapshot    for tracked reads: the version the delta link will start from
 * @param since       for delta pages: the version the changes are counted from; -1 otherwise
 * @param deletions   for delta pages: true once the changed rows are done and deletions are being listed
 */
public record PagingCookie(int page, String primaryId, UUID first, UUID last, Map<String, String> sortValues,
                           boolean tracking, long snapshot, long since, boolean deletions) {
    private static final Pattern ELEMENT = Pattern.compile("<([A-Za-z0-9_]+)((?:\\s+[A-Za-z]+=\"[^\"]*\")*)\\s*/>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");

    /** The once-decoded $skiptoken value, as it appears after the query string is decoded. */
    public String encode() {
        StringBuilder inner = new StringBuilder("<cookie page=\"").append(page - 1).append('"');
        if (tracking) {
            inner.append(" snapshot=\"").append(snapshot).append("\" since=\"").append(since)
                    .append("\" deletions=\"").append(deletions ? 1 : 0).append('"');
        }
        inner.append('>');
        sortValues.forEach((name, value) -> {
            inner.append('<').append(name);
            inner.append(value == null ? " lastnull=\"1\"" : " last=\"" + xml(value) + "\"");
            inner.append(" />");
        });
        if (last != null) {
            inner.append('<').append(primaryId).append(" last=\"{").append(last.toString().toUpperCase(Locale.ROOT))
                    .append("}\" first=\"{").append(first.toString().toUpperCase(Locale.ROOT)).append("}\" />");
        }
        inner.append("</cookie>");
        return "<cookie pagenumber=\"" + page + "\" pagingcookie=\"" + lowerEncode(inner.toString())
                + "\" istracking=\"" + (tracking ? "True" : "False") + "\" />";
    }

    /** The $skiptoken as written in a next link (the cookie encoded once more for the URL). */
    public String toQueryValue() {
        StringBuilder encoded = new StringBuilder();
        for (char c : encode().toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '=' || c == '-' || c == '.' || c == '_' || c == '/') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", (int) c));
            }
        }
        return encoded.toString();
    }

    public static PagingCookie decode(String token, String primaryId) {
        try {
            Map<String, String> outer = attributes(token);
            int page = Integer.parseInt(outer.getOrDefault("pagenumber", "1"));
            boolean tracking = "True".equalsIgnoreCase(outer.get("istracking"));
            String inner = QueryString.decode(outer.getOrDefault("pagingcookie", ""));
            Map<String, String> cookie = attributes(inner.substring(0, Math.max(0, inner.indexOf('>')) + 1));
            Map<String, String> sortValues = new LinkedHashMap<>();
            UUID first = null;
            UUID last = null;
            Matcher element = ELEMENT.matcher(inner);
            while (element.find()) {
                Map<String, String> attributes = attributes(element.group(2));
                if (element.group(1).equals(primaryId) && attributes.containsKey("first")) {
                    last = UUID.fromString(attributes.get("last").replace("{", "").replace("}", ""));
                    first = UUID.fromString(attributes.get("first").replace("{", "").replace("}", ""));
                } else {
                    sortValues.put(element.group(1), attributes.containsKey("lastnull") ? null
                            : unxml(attributes.get("last")));
                }
            }
            return new PagingCookie(page, primaryId, first, last, sortValues, tracking,
                    Long.parseLong(cookie.getOrDefault("snapshot", "-1")),
                    Long.parseLong(cookie.getOrDefault("since", "-1")), "1".equals(cookie.get("deletions")));
        } catch (RuntimeException e) {
            throw Errors.badRequest("The $skiptoken is not a paging cookie this service issued.");
        }
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher matcher = ATTRIBUTE.matcher(text);
        while (matcher.find()) {
            attributes.putIfAbsent(matcher.group(1), matcher.group(2));
        }
        return attributes;
    }

    private static String lowerEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02x", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String unxml(String text) {
        return text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
