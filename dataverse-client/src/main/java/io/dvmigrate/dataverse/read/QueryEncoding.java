package io.dvmigrate.dataverse.read;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding for OData query option values and for links the service hands back. OData punctuation
 * ({@code $ ( ) ' , ; = : @ /}) stays readable; only what a URL cannot carry is encoded.
 */
public final class QueryEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QueryEncoding() {
    }

    /** Encodes a query option value ({@code name eq 'A&B'} → {@code name%20eq%20'A%26B'}). */
    public static String value(String raw) {
        return encode(raw, true);
    }

    /**
     * A link returned by the service ({@code @odata.nextLink}, {@code @odata.deltaLink}) as a URI, unchanged. Only if
     * it holds characters a URI cannot (a raw space or quote), those alone are encoded; existing escapes are kept.
     */
    public static URI link(String link) {
        try {
            return new URI(link);
        } catch (URISyntaxException e) {
            return URI.create(encode(link, false));
        }
    }

    private static String encode(String raw, boolean escapePercent) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && allowed((char) c, escapePercent)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean allowed(char c, boolean escapePercent) {
        return switch (c) {
            case '"', '#', '<', '>', '\\', '^', '`', '{', '|', '}' -> false;
            case '%' -> !escapePercent;
            case '&', '+' -> !escapePercent;
            default -> true;
        };
    }
}
