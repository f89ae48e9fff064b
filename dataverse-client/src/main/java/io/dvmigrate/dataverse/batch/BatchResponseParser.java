package io.dvmigrate.dataverse.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code $batch} response: a multipart/mixed body whose parts are HTTP responses or nested change-set
 * responses. Results come back flat, in the order the operations were sent. Accepts CRLF (what the service sends)
 * and bare LF (what the documentation shows).
 */
public final class BatchResponseParser {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d\\.\\d\\s+(\\d{3})");

    private BatchResponseParser() {
    }

    public static List<BatchResult> parse(String contentType, byte[] body) {
        // ISO-8859-1 maps every byte to one char, so slices convert back to the exact bytes
        String text = new String(body, StandardCharsets.ISO_8859_1);
        List<BatchResult> results = new ArrayList<>();
        parseMultipart(boundaryOf(contentType, text), text, results);
        return results;
    }

    private static String boundaryOf(String contentType, String text) {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (m.find()) {
            return m.group(1).strip();
        }
        // some gateways drop the parameter: the first delimiter line names it
        int start = text.indexOf("--");
        int end = lineEnd(text, start);
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("batch response has no multipart boundary");
        }
        return text.substring(start + 2, end).strip();
    }

    private static void parseMultipart(String boundary, String text, List<BatchResult> results) {
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int afterDelimiter = at + delimiter.length();
            if (text.startsWith("--", afterDelimiter)) {
                return; // closing delimiter
            }
            int partStart = lineEnd(text, afterDelimiter);
            if (partStart < 0) {
                return;
            }
            partStart = skipLineBreak(text, partStart);
            int next = nextDelimiter(text, delimiter, partStart);
            int partEnd = next < 0 ? text.length() : trimLineBreakBefore(text, next);
            part(text.substring(partStart, partEnd), results);
            at = next;
        }
    }

    private static void part(String part, List<BatchResult> results) {
        int split = headerEnd(part);
        Map<String, String> headers = headers(part.substring(0, Math.max(split, 0)));
        String content = split < 0 ? "" : part.substring(skipBlankLine(part, split));
        String type = headers.getOrDefault("content-type", "");
        if (type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            parseMultipart(boundaryOf(type, content), content, results);
            return;
        }
        Optional<String> contentId = Optional.ofNullable(headers.get("content-id"));
        int httpHead = headerEnd(content);
        String head = httpHead < 0 ? content : content.substring(0, httpHead);
        String firstLine = head.lines().findFirst().orElse("");
        Matcher status = STATUS_LINE.matcher(firstLine.strip());
        if (!status.find()) {
            throw new IllegalArgumentException("batch response part does not start with an HTTP status line: " + firstLine);
        }
        Map<String, String> responseHeaders = headers(head.substring(Math.min(head.length(), firstLine.length())));
        String responseBody = httpHead < 0 ? "" : content.substring(skipBlankLine(content, httpHead)).strip();
        results.add(new BatchResult(Integer.parseInt(status.group(1)), responseHeaders,
                responseBody.getBytes(StandardCharsets.ISO_8859_1), contentId));
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        block.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        });
        return headers;
    }

    /** Index of the blank line that ends a header block, or -1. */
    private static int headerEnd(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (crlf < 0) {
            return lf;
        }
        return lf < 0 ? crlf : Math.min(crlf, lf);
    }

    private static int skipBlankLine(String text, int at) {
        return text.startsWith("\r\n\r\n", at) ? at + 4 : at + 2;
    }

    private static int lineEnd(String text, int from) {
        return from < 0 ? -1 : text.indexOf('\n', from) < 0 ? -1 : (text.charAt(text.indexOf('\n', from) - 1) == '\r'
                ? text.indexOf('\n', from) - 1 : text.indexOf('\n', from));
    }

    private static int skipLineBreak(String text, int at) {
        return text.startsWith("\r\n", at) ? at + 2 : text.startsWith("\n", at) ? at + 1 : at;
    }

    /** The next delimiter that starts a line. */
    private static int nextDelimiter(String text, String delimiter, int from) {
        int at = text.indexOf(delimiter, from);
        while (at > 0 && text.charAt(at - 1) != '\n') {
            at = text.indexOf(delimiter, at + 1);
        }
        return at;
    }

    private static int trimLineBreakBefore(String text, int at) {
        if (at >= 2 && text.startsWith("\r\n", at - 2)) {
            return at - 2;
        }
        return at >= 1 && text.charAt(at - 1) == '\n' ? at - 1 : at;
    }
}
