package io.dvmigrate.dataverse.auth;

import java.time.Duration;
import java.time.Instant;

/** A bearer token and its lifetime. Prints without the token. */
public record AccessToken(String value, Instant obtainedAt, Instant expiresOn) {

    /** Whether the token should be replaced at {@code now}: inside the margin before expiry (at most a quarter of its life). */
    boolean dueForRefresh(Instant now, Duration margin) {
        Duration life = Duration.between(obtainedAt, expiresOn);
        Duration effective = margin.compareTo(life.dividedBy(4)) < 0 ? margin : life.dividedBy(4);
        return !now.isBefore(expiresOn.minus(effective));
    }

    boolean expired(Instant now) {
        return !now.isBefore(expiresOn);
    }

    @Override
    public String toString() {
        return "AccessToken[expiresOn=" + expiresOn + "]";
    }
}
