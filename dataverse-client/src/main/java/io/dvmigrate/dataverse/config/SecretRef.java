package io.dvmigrate.dataverse.config;

import io.dvmigrate.dataverse.error.SecretUnavailable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a secret lives, never the secret itself: {@code env:VARIABLE} or {@code file:/path/to/file}. The secret is
 * read only when a token is requested, so a rotated secret is picked up without a restart, and it is never kept.
 * Anything else, in particular a literal secret, is refused.
 */
public record SecretRef(Kind kind, String location) {

    public enum Kind { ENV, FILE }

    public SecretRef {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("secret reference " + kind.name().toLowerCase() + ": needs a "
                    + (kind == Kind.ENV ? "variable name" : "file path"));
        }
    }

    /**
     * Parses {@code env:NAME} or {@code file:PATH}. The message of a refusal never repeats the value, since a caller
     * may have passed a literal secret by mistake.
     */
    public static SecretRef parse(String reference) {
        if (reference != null && reference.startsWith("env:")) {
            return new SecretRef(Kind.ENV, reference.substring(4));
        }
        if (reference != null && reference.startsWith("file:")) {
            return new SecretRef(Kind.FILE, reference.substring(5));
        }
        throw new IllegalArgumentException("a secret must be given as a reference, env:VARIABLE or file:PATH;"
                + " literal secrets are not accepted (the value given is not repeated here)");
    }

    public static SecretRef env(String variable) {
        return new SecretRef(Kind.ENV, variable);
    }

    public static SecretRef file(Path path) {
        return new SecretRef(Kind.FILE, path.toString());
    }

    /** Reads the secret now. A file's trailing line breaks are dropped (editors and {@code echo} add them). */
    public Secret resolve(String environment) {
        return switch (kind) {
            case ENV -> {
                String value = System.getenv(location);
                if (value == null || value.isEmpty()) {
                    throw new SecretUnavailable(environment, "environment variable " + location + " is not set", null);
                }
                yield new Secret(value);
            }
            case FILE -> {
                try {
                    String value = Files.readString(Path.of(location), StandardCharsets.UTF_8).stripTrailing();
                    if (value.isEmpty()) {
                        throw new SecretUnavailable(environment, "file " + location + " is empty", null);
                    }
                    yield new Secret(value);
                } catch (IOException e) {
                    throw new SecretUnavailable(environment, "file " + location + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
                }
            }
        };
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + ":" + location;
    }
}
