package io.dvmigrate.dataverse.batch;

import io.dvmigrate.dataverse.error.DataverseError;

import java.util.Map;
import java.util.Optional;

/** The answer to one operation of a {@code $batch}. Header names are lower-cased. */
public record BatchResult(int status, Map<String, String> headers, byte[] body, Optional<String> contentId) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase()));
    }

    public DataverseError error() {
        return DataverseError.parse(status, body);
    }
}
