package io.dvmigrate.dataverse.metrics;

import java.time.Duration;

/** What an environment's client has done so far: attempts sent, 429s received, attempts repeated, time waited. */
public record ClientStats(long requests, long throttled, long retries, Duration retryWait) {

    public ClientStats minus(ClientStats earlier) {
        return new ClientStats(requests - earlier.requests, throttled - earlier.throttled, retries - earlier.retries,
                retryWait.minus(earlier.retryWait));
    }
}
