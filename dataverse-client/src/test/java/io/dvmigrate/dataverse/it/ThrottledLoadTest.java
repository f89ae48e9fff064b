package io.dvmigrate.dataverse.it;

import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.metrics.ClientMetrics;
import io.dvmigrate.dataverse.metrics.ClientStats;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.write.WriteResult;
import io.dvmigrate.emulator.DataverseEmulator;
import io.dvmigrate.emulator.ServiceProtection;
import io.dvmigrate.emulator.protection.UserStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.dvmigrate.dataverse.it.BenchRows.RECORDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 100,000-row load with the emulator's service protection on (time-compressed) and 10% of requests answered 503
 * plus 10% dropped after being executed: every row lands once, and the 429s and retries are reported.
 */
class ThrottledLoadTest {

    static final String LIMITS = "dataverse,compress=20,record-cost=20ms,fail-rate=0.1,drop-rate=0.1,seed=7";

    @Test
    void hundredThousandRowsThroughThrottlingAndFaultsLandExactlyOnce() throws Exception {
        try (Emulator emulator = Emulator.start(DataverseEmulator.builder()
                .environment("target", "generated:0").limits(ServiceProtection.parse(LIMITS)));
             DataverseClient client = DataverseClient.connect(emulator.settings("target").build())) {
            List<JsonRow> rows = BenchRows.rows("LOAD", 100_000);

            long started = System.nanoTime();
            int failed = load(client, rows, 500, 16);
            double seconds = (System.nanoTime() - started) / 1e9;

            ClientStats stats = client.stats();
            UserStats server = emulator.emulator().admin().stats("target", Emulator.CLIENT_ID).orElseThrow();
            System.out.printf("throttled load: %d rows in %.1f s (%.0f rows/s); client: %d requests, %d 429s, %d retries,"
                            + " %.1f s waited; emulator: %d throttled, %d failed (503), %d dropped%n",
                    rows.size(), seconds, rows.size() / seconds, stats.requests(), stats.throttled(), stats.retries(),
                    stats.retryWait().toMillis() / 1000.0, server.throttled(), server.failed(), server.dropped());

            emulator.emulator().admin().limits(ServiceProtection.off());
            Map<String, JsonRow> written = BenchRows.readBack(client, "LOAD");
            assertThat(failed).isZero();
            assertThat(written).hasSize(rows.size());
            assertThat(written.keySet()).isEqualTo(new HashSet<>(BenchRows.ids(rows)));
            assertThat(stats.throttled()).isPositive().isEqualTo(server.throttled());
            assertThat(server.failed()).isPositive();
            assertThat(server.dropped()).isPositive();
            assertThat(stats.retries()).isGreaterThanOrEqualTo(server.throttled() + server.failed() + server.dropped());
            var meters = client.meterRegistry();
            assertThat(meters.find(ClientMetrics.THROTTLED).tag("environment", "target").tag("user", Emulator.CLIENT_ID)
                    .counter().count()).isEqualTo(stats.throttled());
            assertThat(meters.find(ClientMetrics.RETRY_WAIT).tag("environment", "target").tag("user", Emulator.CLIENT_ID)
                    .timer().count()).isEqualTo(stats.retries());
        }
    }

    /** Writes rows in chunks from several threads, as the loader does; returns the number of rows refused. */
    static int load(DataverseClient client, List<JsonRow> rows, int chunkSize, int threads) throws Exception {
        return load(client, rows, chunkSize, threads, new ConcurrentLinkedQueue<>());
    }

    /** As {@link #load}, also noting when each chunk was written ({@code nanoTime}). */
    static int load(DataverseClient client, List<JsonRow> rows, int chunkSize, int threads, Queue<Long> completions)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<WriteResult<JsonRow>>> results = new ArrayList<>();
            for (int from = 0; from < rows.size(); from += chunkSize) {
                List<JsonRow> chunk = rows.subList(from, Math.min(rows.size(), from + chunkSize));
                results.add(pool.submit(() -> {
                    WriteResult<JsonRow> result = client.upsert(RECORDS, chunk);
                    completions.add(System.nanoTime());
                    return result;
                }));
            }
            int failed = 0;
            for (Future<WriteResult<JsonRow>> result : results) {
                failed += result.get().failures().size();
            }
            return failed;
        } finally {
            pool.shutdownNow();
        }
    }
}
