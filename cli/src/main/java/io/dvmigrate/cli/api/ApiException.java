package io.dvmigrate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Json;

/**
 * The orchestrator refused a request (400: bad input, whose {@code errors} name their place) or could not be
 * reached.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final JsonNode errors;

    ApiException(int status, String message, JsonNode errors) {
        super(message);
        this.status = status;
        this.errors = errors;
    }

    static ApiException of(int status, String body) {
        if (body.isBlank()) {
            // e.g. a proxy's 503: without this the user would read an empty line
            return new ApiException(status, "the orchestrator answered HTTP " + status + " without a message", null);
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            return new ApiException(status, json.path("error").asText(body), json.get("errors"));
        } catch (Exception e) {
            return new ApiException(status, body, null);
        }
    }

    public int status() {
        return status;
    }

    /** The answer's error list ({@code path}, {@code message}), when it has one. */
    public JsonNode errors() {
        return errors;
    }

    /** Bad input (the user can fix it), as opposed to a failure of the service. */
    public boolean isBadInput() {
        return status >= 400 && status < 500;
    }
}
