package io.dvmigrate.dataverse.it;

import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.config.AppUser;
import io.dvmigrate.dataverse.config.ConnectionSettings;
import io.dvmigrate.dataverse.metrics.ClientStats;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.emulator.DataverseEmulator;
import io.dvmigrate.emulator.ServiceProtection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of upserts against the emulator's service-protection model, with one and with two application users,
 * and without limits. Not part of the build's tests; run with
 * {@code ./mvnw -B -o -pl dataverse-client verify -Dgroups=benchmark -Dbenchmarks.excluded=none -Dtest=LoadBenchmark}.
 * Settings (system properties): {@code bench.rows} per user (100000), {@code bench.limits}
 * ({@code dataverse,compress=10,record-cost=20ms,window=60s,execution-time=240s}: the real service's ratio of
 * execution time to window, a shorter window so the run spans several), {@code bench.chunk} (500),
 * {@code bench.threads} (32). Prints one JSON line per run.
 * <p>
 * A sliding window lets a fresh user spend a whole window's budget at once, and within a window the rate swings
 * (spend, pause), so the figure to compare with the model's ceiling is the steady rate over whole windows: the rows
 * written in as many whole windows as fit between the moments a quarter and 95% of the chunks were done.
 */
@Tag("benchmark")
class LoadBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 100_000);
    private static final String LIMITS = System.getProperty("bench.limits",
            "dataverse,compress=10,record-cost=20ms,window=60s,execution-time=240s");
    private static final int CHUNK = Integer.getInteger("bench.chunk", 500);
    private static final int THREADS = Integer.getInteger("bench.threads", 32);

    @Test
    void oneApplicationUser() throws Exception {
        run(1, ServiceProtection.parse(LIMITS));
    }

    @Test
    void twoApplicationUsers() throws Exception {
        run(2, ServiceProtection.parse(LIMITS));
    }

    @Test
    void withoutLimits() throws Exception {
        run(1, ServiceProtection.off());
    }

    /** Rows per second over whole windows, from a quarter of the chunks done to (at most) 95% of them. */
    private static double steadyRate(List<Long> done, long windowNanos) {
        long start = done.get(done.size() / 4);
        long windows = Math.max(1, (done.get(done.size() * 95 / 100) - start) / windowNanos);
        long end = start + windows * windowNanos;
        long chunks = done.stream().filter(t -> t > start && t <= end).count();
        return chunks * (double) CHUNK / (windows * windowNanos / 1e9);
    }

    private static void run(int users, ServiceProtection limits) throws Exception {
        try (Emulator emulator = Emulator.start(DataverseEmulator.builder().environment("target", "generated:0")
                .application("second-app", "second-secret").limits(limits))) {
            ConnectionSettings.Builder settings = emulator.settings("target");
            if (users == 2) {
                settings.user(AppUser.withSecret("second-app", emulator.secretReference("second", "second-secret")));
            }
            try (DataverseClient client = DataverseClient.connect(settings.build())) {
                client.whoAmI();
                List<JsonRow> rows = BenchRows.rows("BENCH", ROWS * users);
                ClientStats before = client.stats();
                long started = System.nanoTime();
                Queue<Long> completions = new ConcurrentLinkedQueue<>();
                int failed = ThrottledLoadTest.load(client, rows, CHUNK, THREADS, completions);
                double seconds = (System.nanoTime() - started) / 1e9;
                double steady = steadyRate(completions.stream().sorted().toList(),
                        limits.enabled() ? limits.realNanos(limits.window()) : 1_000_000_000L);
                ClientStats stats = client.stats().minus(before);

                double rate = rows.size() / seconds;
                double ceiling = limits.enabled() ? limits.ceilingRowsPerSecond() * users : Double.NaN;
                double efficiency = limits.enabled() ? steady / ceiling : Double.NaN;
                System.out.println(String.format(Locale.ROOT,
                        "{\"benchmark\":\"dataverse-client-upsert\",\"limits\":\"%s\",\"users\":%d,\"rows\":%d,"
                                + "\"chunk\":%d,\"threads\":%d,\"seconds\":%.2f,\"rowsPerSecond\":%.0f,\"steadyRowsPerSecond\":%.0f,"
                                + "\"ceilingRowsPerSecond\":%.0f,\"efficiency\":%.3f,\"requests\":%d,\"throttled\":%d,"
                                + "\"retries\":%d,\"failedRows\":%d}",
                        limits.enabled() ? LIMITS : "off", users, rows.size(), CHUNK, THREADS, seconds, rate, steady, ceiling,
                        efficiency, stats.requests(), stats.throttled(), stats.retries(), failed));
                assertThat(failed).isZero();
            }
        }
    }
}
