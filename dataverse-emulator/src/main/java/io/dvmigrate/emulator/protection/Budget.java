package io.dvmigrate.emulator.protection;

import io.dvmigrate.emulator.ServiceProtection;

import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Locale;

/**
 * The sliding window of one application user in one environment: the requests admitted and the execution time
 * charged within the last window (real time: window / F), and the requests in flight. Request count and
 * execution time trip once exceeded; concurrency trips at the limit, immediately.
 */
public final class Budget {
    private final String environment;
    private final String clientId;
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();
    private final ArrayDeque<long[]> charged = new ArrayDeque<>();
    private long chargedNanos;
    private int inFlight;
    private int peak;
    private long requests;
    private long byRequests;
    private long byTime;
    private long byConcurrency;
    private long failed;
    private long dropped;
    private long rowsWritten;
    private long rowsRead;
    private long executionNanos;

    Budget(String environment, String clientId) {
        this.environment = environment;
        this.clientId = clientId;
    }

    /** Admits a request (counting it and holding a concurrency slot), or says why not. */
    synchronized Throttling admit(ServiceProtection limits, long now) {
        long window = limits.realNanos(limits.window());
        prune(now, window);
        if (limits.enabled()) {
            if (inFlight >= limits.concurrencyLimit()) {
                byConcurrency++;
                return new Throttling("0x80072326", "Number of concurrent requests exceeded the limit of "
                        + limits.concurrencyLimit() + ".", Math.max(1_000_000, limits.realNanos(limits.requestCost())));
            }
            if (admitted.size() >= limits.requestLimit()) {
                byRequests++;
                return new Throttling("0x80072322", "Number of requests exceeded the limit of " + limits.requestLimit()
                        + " over time window of " + limits.window().toSeconds() + " seconds.",
                        admitted.peekFirst() + window - now);
            }
            long budget = limits.executionTimeLimit().toNanos();
            if (chargedNanos >= budget) {
                byTime++;
                return new Throttling("0x80072321", "Combined execution time of incoming requests exceeded limit of "
                        + NumberFormat.getIntegerInstance(Locale.US).format(limits.executionTimeLimit().toMillis())
                        + "  milliseconds over time window of " + limits.window().toSeconds() + " seconds. Decrease "
                        + "number of concurrent requests or reduce the duration of requests and try again later.",
                        timeUntilBelow(budget, now, window));
            }
        }
        admitted.addLast(now);
        requests++;
        inFlight++;
        peak = Math.max(peak, inFlight);
        return null;
    }

    /** Charges a finished request's modelled execution time and frees its concurrency slot. */
    synchronized void finish(long now, Duration cost, int written, int read) {
        inFlight--;
        charged.addLast(new long[] {now, cost.toNanos()});
        chargedNanos += cost.toNanos();
        executionNanos += cost.toNanos();
        rowsWritten += written;
        rowsRead += read;
    }

    /** Frees the slot of an admitted request that was answered 503 instead of running. */
    synchronized void failed() {
        inFlight--;
        failed++;
    }

    synchronized void countDropped() {
        dropped++;
    }

    /** Requests left in the window (x-ms-ratelimit-burst-remaining-xrm-requests). */
    synchronized long remainingRequests(ServiceProtection limits) {
        return Math.max(0, limits.requestLimit() - admitted.size());
    }

    /** Execution time left in the window, in milliseconds (x-ms-ratelimit-time-remaining-xrm-requests). */
    synchronized long remainingMillis(ServiceProtection limits) {
        return Math.max(0, (limits.executionTimeLimit().toNanos() - chargedNanos) / 1_000_000);
    }

    private long timeUntilBelow(long budget, long now, long window) {
        long sum = chargedNanos;
        for (long[] entry : charged) {
            sum -= entry[1];
            if (sum < budget) {
                return Math.max(1_000_000, entry[0] + window - now);
            }
        }
        return window;
    }

    private void prune(long now, long window) {
        while (!admitted.isEmpty() && admitted.peekFirst() <= now - window) {
            admitted.pollFirst();
        }
        Iterator<long[]> entries = charged.iterator();
        while (entries.hasNext()) {
            long[] entry = entries.next();
            if (entry[0] > now - window) {
                break;
            }
            chargedNanos -= entry[1];
            entries.remove();
        }
    }

    synchronized UserStats stats() {
        return new UserStats(environment, clientId, requests, byRequests + byTime + byConcurrency, byRequests, byTime,
                byConcurrency, failed, dropped, rowsWritten, rowsRead, Duration.ofNanos(executionNanos), peak);
    }

    synchronized void resetStats() {
        requests = 0;
        byRequests = 0;
        byTime = 0;
        byConcurrency = 0;
        failed = 0;
        dropped = 0;
        rowsWritten = 0;
        rowsRead = 0;
        executionNanos = 0;
        peak = inFlight;
    }

    /** Forgets the window (after the limits change), keeping stats and requests in flight. */
    synchronized void clearWindow() {
        admitted.clear();
        charged.clear();
        chargedNanos = 0;
    }
}
