package io.dvmigrate.dataverse.throttle;

/**
 * The concurrency limit of one application user, adapted the way TCP adapts its window. Until the service says
 * what it wants, the limit grows by one per success (slow start); the first {@code x-ms-dop-hint} sets it, and from
 * then on it grows additively (about one per round of successes while requests queue for it) and drops
 * multiplicatively on a 429, once per congestion event: requests that were already in flight when it was cut do not
 * cut it again. A 429 also pauses the user until its {@code Retry-After} has passed; nothing is sent for it meanwhile.
 * <p>
 * How far it drops depends on the limit that was hit. Too many concurrent requests: halve. Request count or execution
 * time over the sliding window: the pause already holds the rate to what the window allows, so the limit only eases
 * (x0.8); halving there leaves it below what the window sustains for much of the next window whenever the window
 * spans only a few round trips (LoadBenchmark against the emulator, window = 6 round trips: 0.80 of the ceiling when
 * halving, 0.99 with x0.8).
 * Not thread-safe: {@link LanePool} guards it.
 */
final class AdaptiveLimit {

    static final double CONCURRENCY_DECREASE = 0.5;
    static final double RATE_DECREASE = 0.8;

    private final int max;
    private double limit;
    private boolean calibrated;
    private int inFlight;
    private long pausedUntil;
    private long decreasedAt;
    private boolean paused;
    private boolean decreasedOnce;

    AdaptiveLimit(int initial, int max) {
        this.max = max;
        this.limit = Math.clamp(initial, 1, max);
    }

    int permits() {
        return Math.max(1, (int) limit);
    }

    double limit() {
        return limit;
    }

    int inFlight() {
        return inFlight;
    }

    boolean isPaused(long now) {
        return paused && now - pausedUntil < 0;
    }

    long pausedUntil() {
        return pausedUntil;
    }

    /** Free permits now: zero while paused. */
    int free(long now) {
        return isPaused(now) ? 0 : permits() - inFlight;
    }

    void acquire() {
        inFlight++;
    }

    /**
     * A response other than 429 came back. The limit only grows while it is what holds requests back (the user's
     * permits were all taken or requests were queued), so a quiet period cannot inflate it.
     */
    void succeeded(boolean demandWaiting) {
        boolean limitBound = demandWaiting || inFlight >= permits();
        inFlight--;
        if (limitBound) {
            limit = Math.min(max, calibrated ? limit + 1 / limit : limit + 1);
        }
    }

    /** The request ended without a verdict on load (a dropped connection, a 5xx): the limit stays as it is. */
    void released() {
        inFlight--;
    }

    /**
     * A 429 for a request that started at {@code startedAt}: pause until {@code now + retryAfterNanos}, and lower the
     * limit unless this congestion event already did.
     *
     * @param concurrency whether the concurrent-request limit was hit (rather than a rate limit over the window)
     */
    void throttled(long startedAt, long now, long retryAfterNanos, boolean concurrency) {
        inFlight--;
        long until = now + Math.max(0, retryAfterNanos);
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
        }
        paused = true;
        if (!decreasedOnce || startedAt - decreasedAt >= 0) {
            limit = Math.max(1, limit * (concurrency ? CONCURRENCY_DECREASE : RATE_DECREASE));
            decreasedAt = now;
            decreasedOnce = true;
        }
        calibrated = true;
    }

    /** The service's recommended parallelism: taken as the starting point once, then adapted from there. */
    void dopHint(int hint) {
        if (!calibrated && hint > 0) {
            limit = Math.clamp(hint, 1, max);
            calibrated = true;
        }
    }
}
