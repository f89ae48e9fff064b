package io.dvmigrate.dataverse.config;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the client keeps trying. Transient faults (5xx, timeouts, dropped connections) are retried with jittered
 * exponential backoff, at most {@code maxAttempts} times and within {@code maxElapsed}; service-protection 429s are
 * waited out for exactly the time Dataverse asks, for at most {@code maxThrottleWait} in total per request.
 * Validation errors are never retried.
 */
public record RetryPolicy(int maxAttempts, Duration maxElapsed, Duration initialBackoff, Duration maxBackoff,
                          Duration maxThrottleWait) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMinutes(3), Duration.ofMillis(200),
            Duration.ofSeconds(20), Duration.ofMinutes(30));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** The pause before retry number {@code retry} (1 for the first retry): half fixed, half random. */
    public Duration backoff(int retry) {
        long cap = maxBackoff.toNanos();
        long exponential = initialBackoff.toNanos() << Math.min(retry - 1, 30);
        long ceiling = exponential <= 0 || exponential > cap ? cap : exponential;
        return Duration.ofNanos(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
