package io.dvmigrate.dataverse.http;

import io.dvmigrate.dataverse.error.RequestLine;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Web API request, before authentication.
 *
 * @param idempotent whether sending it twice has the effect of sending it once (reads, upserts, updates, deletes,
 *                   associations): only such requests are repeated after a failure that leaves it unknown whether
 *                   the first one was applied (a dropped connection, a timeout, a 500)
 */
public record ApiRequest(String method, URI uri, Map<String, String> headers, Optional<RequestBody> body, boolean idempotent) {

    public ApiRequest {
        headers = Map.copyOf(headers);
    }

    public static ApiRequest get(URI uri, Map<String, String> headers) {
        return new ApiRequest("GET", uri, headers, Optional.empty(), true);
    }

    public static ApiRequest write(String method, URI uri, Map<String, String> headers, RequestBody body, boolean idempotent) {
        return new ApiRequest(method, uri, headers, Optional.ofNullable(body), idempotent);
    }

    public RequestLine line() {
        return new RequestLine(method, uri);
    }

    /** Headers of {@code first} followed by {@code second}; the second wins on a clash. */
    public static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
        Map<String, String> merged = new LinkedHashMap<>(first);
        merged.putAll(second);
        return merged;
    }
}
