package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.odata.Errors;
import io.dvmigrate.emulator.odata.ODataException;
import io.dvmigrate.emulator.odata.Preferences;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST $batch}: multipart/mixed requests run in order. A change set is atomic (one transaction under the
 * write lock) and its parts may refer to earlier parts by Content-ID ({@code $1} in URLs and bodies). Without
 * {@code Prefer: odata.continue-on-error} the batch stops at the first failure, answers with that failure's status
 * and only that part; with it, every part answers and the batch is 200. Responses use the boundaries
 * {@code batchresponse_<guid>} and {@code changesetresponse_<guid>}, as the real service does.
 */
final class Batch {
    static final int MAX_PARTS = 1000;
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSIONED = Pattern.compile("^.*?/api/data/v9\\.[0-2]/");
    private static final Pattern CONTENT_ID_URL = Pattern.compile("^(\\$[A-Za-z0-9_]+)(.*)$");
    private static final String CRLF = "\r\n";

    private final WebApi api;

    Batch(WebApi api) {
        this.api = api;
    }

    /** One request of the batch, or (when {@code changeSet} is non-null) a change set of requests. */
    private record Part(String method, String url, Map<String, List<String>> headers, byte[] body, String contentId,
                        List<Part> changeSet) {
    }

    /** One answered part: a response, or the responses of a change set that succeeded. */
    private record Answer(ApiResponse response, String contentId, List<Answer> changeSet) {
        boolean failed() {
            return response != null && !response.isSuccess();
        }
    }

    ApiResponse execute(ApiRequest request) {
        String boundary = boundary(request.header("Content-Type").orElse(""));
        List<Part> parts = parse(request.body(), boundary);
        int count = parts.stream().mapToInt(p -> p.changeSet() == null ? 1 : p.changeSet().size()).sum();
        if (count > MAX_PARTS) {
            throw Errors.badRequest("The number of requests in a batch exceeded the limit of " + MAX_PARTS + ".");
        }
        boolean continueOnError = Preferences.parse(request.headers("Prefer")).continueOnError();
        List<Answer> answers = new ArrayList<>();
        Answer failure = null;
        for (Part part : parts) {
            Answer answer = part.changeSet() == null ? new Answer(single(request, part, null), part.contentId(), null)
                    : changeSet(request, part.changeSet());
            answers.add(answer);
            if (answer.failed() && !continueOnError) {
                failure = answer;
                break;
            }
        }
        List<Answer> written = failure == null ? answers : List.of(failure);
        String responseBoundary = "batchresponse_" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Answer answer : written) {
            write(body, "--" + responseBoundary + CRLF);
            if (answer.changeSet() != null) {
                String changeSetBoundary = "changesetresponse_" + UUID.randomUUID();
                write(body, "Content-Type: multipart/mixed; boundary=" + changeSetBoundary + CRLF + CRLF);
                for (Answer inner : answer.changeSet()) {
                    write(body, "--" + changeSetBoundary + CRLF);
                    writePart(body, inner);
                }
                write(body, "--" + changeSetBoundary + "--" + CRLF);
            } else {
                writePart(body, answer);
            }
        }
        write(body, "--" + responseBoundary + "--" + CRLF);
        int status = failure == null ? 200 : failure.response().status();
        ApiResponse response = new ApiResponse(status)
                .header("Content-Type", "multipart/mixed; boundary=" + responseBoundary).body(body.toByteArray())
                .operations(count);
        for (Answer answer : answers) {
            for (ApiResponse each : responses(answer)) {
                response.records(each.recordsRead(), each.recordsWritten());
            }
        }
        return response;
    }

    private static List<ApiResponse> responses(Answer answer) {
        if (answer.changeSet() == null) {
            return List.of(answer.response());
        }
        return answer.changeSet().stream().map(Answer::response).toList();
    }

    /** Runs a change set under one transaction; the first failure rolls it back and is its only answer. */
    private Answer changeSet(ApiRequest request, List<Part> parts) {
        return api.environment().store().write(() -> {
            ChangeSet changeSet = new ChangeSet();
            List<Answer> answers = new ArrayList<>();
            for (Part part : parts) {
                ApiResponse response;
                if (part.method().equals("GET")) {
                    response = ApiResponse.error(Errors.badRequest("GET requests are not allowed in a change set."));
                } else {
                    response = single(request, part, changeSet);
                }
                if (!response.isSuccess()) {
                    changeSet.transaction().rollback();
                    return new Answer(response, part.contentId(), null);
                }
                String entityId = response.headerValue("OData-EntityId");
                if (part.contentId() != null && entityId != null) {
                    changeSet.contentIds().put("$" + part.contentId(), entityId);
                }
                answers.add(new Answer(response, part.contentId(), null));
            }
            return new Answer(null, null, answers);
        });
    }

    private ApiResponse single(ApiRequest batch, Part part, ChangeSet changeSet) {
        try {
            String url = part.url();
            Matcher reference = CONTENT_ID_URL.matcher(url);
            if (reference.matches()) {
                String resolved = changeSet == null ? null : changeSet.contentIds().get(reference.group(1));
                if (resolved == null) {
                    throw new ODataException(400, "0x0", "Content-ID Reference: '" + reference.group(1)
                            + "' does not exist in the batch context.");
                }
                url = resolved + reference.group(2);
            }
            String relative = VERSIONED.matcher(url).replaceFirst("");
            if (relative.startsWith("/")) {
                relative = relative.substring(1);
            }
            int question = relative.indexOf('?');
            String path = question < 0 ? relative : relative.substring(0, question);
            String query = question < 0 ? "" : relative.substring(question + 1);
            ApiRequest request = new ApiRequest(part.method(), path, query, part.headers(), part.body(),
                    batch.environment(), batch.root(), batch.caller());
            return api.handle(request, changeSet);
        } catch (ODataException e) {
            return ApiResponse.error(e);
        }
    }

    private static void writePart(ByteArrayOutputStream out, Answer answer) {
        ApiResponse response = answer.response();
        StringBuilder head = new StringBuilder();
        head.append("Content-Type: application/http").append(CRLF);
        head.append("Content-Transfer-Encoding: binary").append(CRLF);
        if (answer.contentId() != null) {
            head.append("Content-ID: ").append(answer.contentId()).append(CRLF);
        }
        head.append(CRLF);
        head.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append(CRLF);
        if (!response.isSuccess()) {
            head.append("REQ_ID: ").append(UUID.randomUUID()).append(CRLF);
        }
        String contentType = response.headerValue("Content-Type");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append(CRLF);
        }
        head.append("OData-Version: 4.0").append(CRLF);
        String entityId = response.headerValue("OData-EntityId");
        if (entityId != null) {
            head.append("Location: ").append(entityId).append(CRLF);
        }
        for (Map.Entry<String, String> header : response.headers()) {
            if (!header.getKey().equalsIgnoreCase("Content-Type")) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append(CRLF);
            }
        }
        head.append(CRLF);
        write(out, head.toString());
        out.writeBytes(response.body());
        write(out, CRLF);
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 412 -> "Precondition Failed";
            case 429 -> "Too Many Requests";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private static String boundary(String contentType) {
        Matcher matcher = BOUNDARY.matcher(contentType);
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed") || !matcher.find()) {
            throw Errors.badRequest("A $batch request needs Content-Type: multipart/mixed; boundary=...");
        }
        return matcher.group(1).trim();
    }

    /** Splits a multipart body into its parts (requests, or change sets of requests). */
    private static List<Part> parse(byte[] body, String boundary) {
        List<Part> parts = new ArrayList<>();
        for (String section : sections(new String(body, StandardCharsets.UTF_8), boundary)) {
            int split = headerEnd(section);
            Map<String, List<String>> headers = headers(section.substring(0, split));
            String content = section.substring(Math.min(section.length(), split)).replaceFirst("^(\r?\n){1,2}", "");
            String type = first(headers, "content-type");
            if (type.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
                List<Part> changeSet = new ArrayList<>();
                for (String inner : sections(content, boundary(type))) {
                    int innerSplit = headerEnd(inner);
                    Map<String, List<String>> innerHeaders = headers(inner.substring(0, innerSplit));
                    String innerContent = inner.substring(Math.min(inner.length(), innerSplit)).replaceFirst("^(\r?\n){1,2}", "");
                    changeSet.add(request(innerContent, first(innerHeaders, "content-id")));
                }
                parts.add(new Part(null, null, Map.of(), null, null, changeSet));
            } else {
                parts.add(request(content, first(headers, "content-id")));
            }
        }
        return parts;
    }

    private static List<String> sections(String body, String boundary) {
        List<String> sections = new ArrayList<>();
        String delimiter = "--" + boundary;
        int start = body.indexOf(delimiter);
        if (start < 0) {
            throw Errors.badRequest("The $batch body has no part delimited by '" + delimiter + "'.");
        }
        while (start >= 0) {
            int contentStart = start + delimiter.length();
            if (body.startsWith("--", contentStart)) {
                break;
            }
            int next = body.indexOf(delimiter, contentStart);
            String section = body.substring(contentStart, next < 0 ? body.length() : next);
            sections.add(section.replaceFirst("^[ \t]*\r?\n", ""));
            start = next;
        }
        return sections;
    }

    /** Where the headers of a section end (the first blank line), or the end of the text. */
    private static int headerEnd(String section) {
        if (section.startsWith("\r\n") || section.startsWith("\n")) {
            return 0;
        }
        int crlf = section.indexOf("\r\n\r\n");
        int lf = section.indexOf("\n\n");
        if (crlf < 0 && lf < 0) {
            return section.length();
        }
        if (crlf < 0) {
            return lf;
        }
        return lf < 0 ? crlf : Math.min(crlf, lf);
    }

    private static Map<String, List<String>> headers(String text) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** An application/http part: request line, headers, blank line, body. */
    private static Part request(String content, String contentId) {
        String text = content.replaceFirst("^\\s+", "");
        int lineEnd = text.indexOf('\n');
        String requestLine = (lineEnd < 0 ? text : text.substring(0, lineEnd)).trim();
        String[] words = requestLine.split("\\s+");
        if (words.length < 2) {
            throw Errors.badRequest("A $batch part has no request line: '" + requestLine + "'.");
        }
        String rest = lineEnd < 0 ? "" : text.substring(lineEnd + 1);
        int split = headerEnd(rest);
        Map<String, List<String>> headers = headers(rest.substring(0, split));
        String body = rest.substring(Math.min(rest.length(), split)).replaceFirst("^(\r?\n){1,2}", "").strip();
        return new Part(words[0].toUpperCase(Locale.ROOT), words[1], headers,
                body.getBytes(StandardCharsets.UTF_8), contentId.isEmpty() ? null : contentId, null);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
