package io.dvmigrate.dataverse.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The client's meters, all tagged with {@code environment} and {@code user} (the application user's client id):
 * <ul>
 *   <li>{@code dataverse.client.requests} (counter, also tagged {@code method} and {@code status}: the HTTP status, or
 *       {@code IO} for a request that got no answer): every attempt sent;</li>
 *   <li>{@code dataverse.client.request.duration} (timer): each attempt's latency;</li>
 *   <li>{@code dataverse.client.throttled} (counter): 429 answers;</li>
 *   <li>{@code dataverse.client.retries} (counter, tagged {@code reason}: {@code throttled}, {@code server-error},
 *       {@code connection}, {@code unauthorized}): attempts that were repeated;</li>
 *   <li>{@code dataverse.client.retry.wait} (timer): time spent waiting before a repeated attempt;</li>
 *   <li>{@code dataverse.client.concurrency.limit} and {@code dataverse.client.in.flight} (gauges).</li>
 * </ul>
 */
public final class ClientMetrics {

    public static final String REQUESTS = "dataverse.client.requests";
    public static final String DURATION = "dataverse.client.request.duration";
    public static final String THROTTLED = "dataverse.client.throttled";
    public static final String RETRIES = "dataverse.client.retries";
    public static final String RETRY_WAIT = "dataverse.client.retry.wait";
    public static final String CONCURRENCY_LIMIT = "dataverse.client.concurrency.limit";
    public static final String IN_FLIGHT = "dataverse.client.in.flight";

    private final MeterRegistry registry;
    private final String environment;
    private final ConcurrentHashMap<String, Counter> requestCounters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> durations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> throttled = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> retries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> retryWaits = new ConcurrentHashMap<>();

    public ClientMetrics(MeterRegistry registry, String environment) {
        this.registry = registry;
        this.environment = environment;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void attempt(String user, String method, String status, long nanos) {
        requestCounters.computeIfAbsent(user + ' ' + method + ' ' + status, k -> Counter.builder(REQUESTS)
                .description("Requests sent to Dataverse, by HTTP status of the answer")
                .tags("environment", environment, "user", user, "method", method, "status", status)
                .register(registry)).increment();
        durations.computeIfAbsent(user, u -> Timer.builder(DURATION).description("Latency of each request")
                .tags("environment", environment, "user", u).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void throttled(String user) {
        throttled.computeIfAbsent(user, u -> Counter.builder(THROTTLED).description("429 answers (service protection)")
                .tags("environment", environment, "user", u).register(registry)).increment();
    }

    public void retry(String user, String reason) {
        retries.computeIfAbsent(user + ' ' + reason, k -> Counter.builder(RETRIES).description("Repeated attempts")
                .tags("environment", environment, "user", user, "reason", reason).register(registry)).increment();
    }

    public void retryWait(String user, Duration waited) {
        retryWaits.computeIfAbsent(user, u -> Timer.builder(RETRY_WAIT).description("Time waited before repeating a request")
                .tags("environment", environment, "user", u).register(registry)).record(waited);
    }

    public void gauges(String user, Supplier<Number> limit, Supplier<Number> inFlight) {
        Gauge.builder(CONCURRENCY_LIMIT, limit).description("Adaptive concurrency limit")
                .tags("environment", environment, "user", user).register(registry);
        Gauge.builder(IN_FLIGHT, inFlight).description("Requests in flight")
                .tags("environment", environment, "user", user).register(registry);
    }

    /** Totals over every user of this environment, for reports and tests. */
    public ClientStats stats() {
        long requests = 0;
        long throttledTotal = 0;
        long retriesTotal = 0;
        double waitSeconds = 0;
        for (var meter : registry.find(REQUESTS).tag("environment", environment).counters()) {
            requests += (long) meter.count();
        }
        for (var meter : registry.find(THROTTLED).tag("environment", environment).counters()) {
            throttledTotal += (long) meter.count();
        }
        for (var meter : registry.find(RETRIES).tag("environment", environment).counters()) {
            retriesTotal += (long) meter.count();
        }
        for (var meter : registry.find(RETRY_WAIT).tag("environment", environment).timers()) {
            waitSeconds += meter.totalTime(TimeUnit.SECONDS);
        }
        return new ClientStats(requests, throttledTotal, retriesTotal, Duration.ofNanos((long) (waitSeconds * 1e9)));
    }
}
