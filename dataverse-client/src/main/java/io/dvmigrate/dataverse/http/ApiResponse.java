package io.dvmigrate.dataverse.http;

import io.dvmigrate.dataverse.error.DataverseError;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * An answer from Dataverse: status, headers and the body, read whole (a page at most).
 *
 * @param attempts how many times the request was sent to get this answer
 */
public record ApiResponse(int status, HttpHeaders headers, byte[] body, int attempts) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public DataverseError error() {
        return DataverseError.parse(status, body);
    }
}
