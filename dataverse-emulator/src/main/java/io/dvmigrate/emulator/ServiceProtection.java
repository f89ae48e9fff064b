package io.dvmigrate.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The service-protection model and fault injection of the emulator, applied per environment and application user.
 * {@link #off()} (the default) never throttles; {@link #dataverse()} has the real limits: 6,000 requests and
 * 1,200 s of execution time per 300 s sliding window, 52 concurrent requests. Execution time is modelled:
 * {@code requestCost + recordCost x records written + readCost x records read} per request. A compression factor
 * F makes the window last {@code window / F} of real time and, when {@code pace} is on, delays each response by its
 * modelled time / F, so a saturated user behaves as on the real service, only F times faster.
 *
 * @param enabled      whether limits apply (429s); costs and stats are kept either way
 * @param compression  the time compression factor F (1 = real time)
 * @param dopHint      the x-ms-dop-hint header value
 * @param pace         whether responses are delayed by their modelled execution time / F
 * @param latency      added to every Web API response
 * @param failRate     the share of Web API requests answered 503 without being executed
 * @param dropRate     the share of Web API requests executed and then answered by closing the connection
 * @param seed         the seed of the fault dice, so a run's faults are reproducible
 */
public record ServiceProtection(boolean enabled, int requestLimit, Duration executionTimeLimit, Duration window,
                                int concurrencyLimit, double compression, Duration requestCost, Duration recordCost,
                                Duration readCost, int dopHint, boolean pace, Duration latency, double failRate,
                                double dropRate, long seed) {

    public ServiceProtection {
        if (compression <= 0) {
            throw new IllegalArgumentException("compress must be positive, got " + compression);
        }
        if (failRate < 0 || failRate > 1 || dropRate < 0 || dropRate > 1) {
            throw new IllegalArgumentException("fail-rate and drop-rate are shares between 0 and 1");
        }
        if (requestLimit < 1 || concurrencyLimit < 1 || dopHint < 1) {
            throw new IllegalArgumentException("requests, concurrency and dop-hint must be at least 1");
        }
    }

    /** No limits, no faults; x-ms-dop-hint 8. The default. */
    public static ServiceProtection off() {
        return new ServiceProtection(false, 6000, Duration.ofSeconds(1200), Duration.ofSeconds(300), 52, 1,
                Duration.ofMillis(20), Duration.ofMillis(2), Duration.ofNanos(100_000), 8, false, Duration.ZERO, 0, 0, 42);
    }

    /** The real service's limits, in real time, with responses paced by the cost model. */
    public static ServiceProtection dataverse() {
        return off().toBuilder().enabled(true).pace(true).build();
    }

    /**
     * Parses {@code off}, {@code dataverse}, or a comma-separated list starting with either and followed by
     * {@code key=value} overrides (README "Limits"), e.g. {@code dataverse,compress=30,record-cost=2ms}.
     */
    public static ServiceProtection parse(String spec) {
        List<String> items = new ArrayList<>(List.of(spec.trim().split("\\s*,\\s*")));
        Builder builder;
        String base = items.get(0).toLowerCase(Locale.ROOT);
        if (base.equals("off")) {
            builder = off().toBuilder();
            items.remove(0);
        } else if (base.equals("dataverse")) {
            builder = dataverse().toBuilder();
            items.remove(0);
        } else {
            builder = dataverse().toBuilder();
        }
        for (String item : items) {
            int equals = item.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("limits item '" + item + "' is not key=value (in '" + spec + "')");
            }
            builder.set(item.substring(0, equals).trim().toLowerCase(Locale.ROOT), item.substring(equals + 1).trim());
        }
        return builder.build();
    }

    /** The spec that parses back to these settings. */
    public String toSpec() {
        return (enabled ? "dataverse" : "off") + ",requests=" + requestLimit + ",execution-time=" + text(executionTimeLimit)
                + ",window=" + text(window) + ",concurrency=" + concurrencyLimit + ",compress=" + trim(compression)
                + ",request-cost=" + text(requestCost) + ",record-cost=" + text(recordCost) + ",read-cost="
                + text(readCost) + ",dop-hint=" + dopHint + ",pace=" + pace + ",latency=" + text(latency)
                + ",fail-rate=" + trim(failRate) + ",drop-rate=" + trim(dropRate) + ",seed=" + seed;
    }

    /**
     * The most rows per second one application user can write under these limits when the execution-time budget
     * binds: {@code F x (execution-time / window) / record-cost}, ignoring the per-request cost. Benchmarks compare
     * their throughput with it.
     */
    public double ceilingRowsPerSecond() {
        double busyShare = (double) executionTimeLimit.toNanos() / window.toNanos();
        return compression * busyShare / (recordCost.toNanos() / 1e9);
    }

    /** The modelled execution time of a request. */
    public Duration cost(int operations, int recordsWritten, int recordsRead) {
        return requestCost.multipliedBy(Math.max(1, operations)).plus(recordCost.multipliedBy(recordsWritten))
                .plus(readCost.multipliedBy(recordsRead));
    }

    /** Real time for a modelled duration: the duration divided by the compression factor. */
    public long realNanos(Duration modelled) {
        return (long) (modelled.toNanos() / compression);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return off().toBuilder();
    }

    private static String text(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return trim(nanos / 1_000_000.0) + "ms";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Parses {@code 20ms}, {@code 1.5s}, {@code 5m}, {@code 250us}. */
    static Duration duration(String key, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        double scale;
        String number;
        if (value.endsWith("ms")) {
            scale = 1e6;
            number = value.substring(0, value.length() - 2);
        } else if (value.endsWith("us")) {
            scale = 1e3;
            number = value.substring(0, value.length() - 2);
        } else if (value.endsWith("s")) {
            scale = 1e9;
            number = value.substring(0, value.length() - 1);
        } else if (value.endsWith("m")) {
            scale = 60e9;
            number = value.substring(0, value.length() - 1);
        } else {
            throw new IllegalArgumentException(key + "=" + text + ": a duration needs a unit (us, ms, s, m)");
        }
        try {
            return Duration.ofNanos(Math.round(Double.parseDouble(number) * scale));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + text + " is not a duration");
        }
    }

    public static final class Builder {
        private boolean enabled;
        private int requestLimit;
        private Duration executionTimeLimit;
        private Duration window;
        private int concurrencyLimit;
        private double compression;
        private Duration requestCost;
        private Duration recordCost;
        private Duration readCost;
        private int dopHint;
        private boolean pace;
        private Duration latency;
        private double failRate;
        private double dropRate;
        private long seed;

        private Builder(ServiceProtection from) {
            enabled = from.enabled;
            requestLimit = from.requestLimit;
            executionTimeLimit = from.executionTimeLimit;
            window = from.window;
            concurrencyLimit = from.concurrencyLimit;
            compression = from.compression;
            requestCost = from.requestCost;
            recordCost = from.recordCost;
            readCost = from.readCost;
            dopHint = from.dopHint;
            pace = from.pace;
            latency = from.latency;
            failRate = from.failRate;
            dropRate = from.dropRate;
            seed = from.seed;
        }

        public Builder enabled(boolean value) { enabled = value; return this; }
        public Builder requestLimit(int value) { requestLimit = value; return this; }
        public Builder executionTimeLimit(Duration value) { executionTimeLimit = value; return this; }
        public Builder window(Duration value) { window = value; return this; }
        public Builder concurrencyLimit(int value) { concurrencyLimit = value; return this; }
        public Builder compression(double value) { compression = value; return this; }
        public Builder requestCost(Duration value) { requestCost = value; return this; }
        public Builder recordCost(Duration value) { recordCost = value; return this; }
        public Builder readCost(Duration value) { readCost = value; return this; }
        public Builder dopHint(int value) { dopHint = value; return this; }
        public Builder pace(boolean value) { pace = value; return this; }
        public Builder latency(Duration value) { latency = value; return this; }
        public Builder failRate(double value) { failRate = value; return this; }
        public Builder dropRate(double value) { dropRate = value; return this; }
        public Builder seed(long value) { seed = value; return this; }

        /** Sets one setting by its spec key (README "Limits"). */
        public Builder set(String key, String value) {
            try {
                switch (key) {
                    case "enabled" -> enabled = Boolean.parseBoolean(value);
                    case "requests" -> requestLimit = Integer.parseInt(value);
                    case "execution-time" -> executionTimeLimit = duration(key, value);
                    case "window" -> window = duration(key, value);
                    case "concurrency" -> concurrencyLimit = Integer.parseInt(value);
                    case "compress" -> compression = Double.parseDouble(value);
                    case "request-cost" -> requestCost = duration(key, value);
                    case "record-cost" -> recordCost = duration(key, value);
                    case "read-cost" -> readCost = duration(key, value);
                    case "dop-hint" -> dopHint = Integer.parseInt(value);
                    case "pace" -> pace = Boolean.parseBoolean(value);
                    case "latency" -> latency = duration(key, value);
                    case "fail-rate" -> failRate = Double.parseDouble(value);
                    case "drop-rate" -> dropRate = Double.parseDouble(value);
                    case "seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown limits key '" + key + "' (keys: enabled, "
                            + "requests, execution-time, window, concurrency, compress, request-cost, record-cost, "
                            + "read-cost, dop-hint, pace, latency, fail-rate, drop-rate, seed)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + "=" + value + " is not a number");
            }
            return this;
        }

        public ServiceProtection build() {
            return new ServiceProtection(enabled, requestLimit, executionTimeLimit, window, concurrencyLimit,
                    compression, requestCost, recordCost, readCost, dopHint, pace, latency, failRate, dropRate, seed);
        }
    }
}
