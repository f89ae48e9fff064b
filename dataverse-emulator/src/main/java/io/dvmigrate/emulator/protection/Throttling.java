package io.dvmigrate.emulator.protection;

/** Why a request is refused with 429: Dataverse's error code and message, and how long to wait. */
public record Throttling(String code, String message, long retryAfterNanos) implements Admission {

    /** Retry-After as the real service sends it: whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L);
    }

    /** x-ms-retry-after-ms: the exact wait, at least one millisecond. */
    public long retryAfterMillis() {
        return Math.max(1, (retryAfterNanos + 999_999L) / 1_000_000L);
    }
}
