package io.dvmigrate.dataverse.throttle;

import io.dvmigrate.dataverse.auth.TokenSource;

/** One application user's share of an environment: its tokens and its adaptive concurrency limit. */
public final class Lane {

    private final String user;
    private final TokenSource tokens;
    final AdaptiveLimit limit;

    public Lane(String user, TokenSource tokens, int initialConcurrency, int maxConcurrency) {
        this.user = user;
        this.tokens = tokens;
        this.limit = new AdaptiveLimit(initialConcurrency, maxConcurrency);
    }

    /** The application user's client id (used as the metric tag, never a secret). */
    public String user() {
        return user;
    }

    public TokenSource tokens() {
        return tokens;
    }
}
