package io.dvmigrate.emulator.protection;

import java.time.Duration;

/**
 * What one application user did in one environment since the start (or the last stats reset).
 *
 * @param requests          Web API requests admitted (a $batch counts once)
 * @param throttled         requests answered 429, by any limit
 * @param throttledByRequests / throttledByTime / throttledByConcurrency  the 429s per limit
 * @param failed            requests answered 503 by fault injection
 * @param dropped           requests answered by closing the connection
 * @param rowsWritten       rows created, updated or deleted
 * @param rowsRead          rows returned
 * @param executionTime     the modelled execution time charged
 * @param peakConcurrency   the most requests in flight at once
 */
public record UserStats(String environment, String clientId, long requests, long throttled, long throttledByRequests,
                        long throttledByTime, long throttledByConcurrency, long failed, long dropped, long rowsWritten,
                        long rowsRead, Duration executionTime, int peakConcurrency) {
}
