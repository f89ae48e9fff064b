package io.dvmigrate.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.api.OrchestratorClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A copy through the whole product: the plan saved as a migration, run by the orchestrator, carried by the extractor,
 * transformer and loader over Kafka. Timed from the orchestrator's own record of the data pass (first table started
 * to last table loaded), so planning and verification do not count; the run must end verified and clean. Once the
 * data pass is over the emulator's limits are lifted: verification is not what a scenario measures, and under a
 * scenario's added latency it would take longer than the copy.
 */
final class PipelineCopy {
    private static final Set<String> FINAL = Set.of("Succeeded", "SucceededWithErrors", "Failed", "Cancelled");

    private final BenchStack stack;

    PipelineCopy(BenchStack stack) {
        this.stack = stack;
    }

    Measurement run(String name, String plan, Duration timeout) {
        OrchestratorClient api = stack.api();
        try (ThroughputSampler sampler = new ThroughputSampler(stack.emulator(), BenchStack.TARGET)) {
            // CPU is counted over the data pass too: from when the run is planned and running to its last table
            AtomicReference<Map<String, Double>> cpuAtDataStart = new AtomicReference<>(stack.cpuSeconds());
            AtomicReference<Map<String, Double>> cpuAtDataEnd = new AtomicReference<>();
            api.putMigration(name, "bench", plan);
            UUID id = api.startRun(name);
            JsonNode run = awaitEnd(api, id, timeout, () -> cpuAtDataStart.set(stack.cpuSeconds()), () -> {
                cpuAtDataEnd.set(stack.cpuSeconds());
                stack.emulator().limits("off");
            });
            if (!run.path("status").asText().equals("Succeeded") || run.path("totals").path("mismatches").asLong() != 0) {
                throw new IllegalStateException("the bench run " + id + " of " + name + " ended "
                        + run.path("status").asText() + " with " + run.path("totals").path("mismatches").asLong()
                        + " mismatches: " + run.path("error").asText("") + " (`dvmigrate log " + id + "` tells more)");
            }
            OffsetDateTime first = null;
            OffsetDateTime last = null;
            long rows = 0;
            for (JsonNode step : run.path("steps")) {
                if (!step.path("pass").asText().equals("DATA")) {
                    continue;
                }
                OffsetDateTime started = OffsetDateTime.parse(step.path("startedAt").asText());
                OffsetDateTime finished = OffsetDateTime.parse(step.path("finishedAt").asText());
                first = first == null || started.isBefore(first) ? started : first;
                last = last == null || finished.isAfter(last) ? finished : last;
                rows += step.path("rowsWritten").asLong();
            }
            if (first == null) {
                throw new IllegalStateException("the bench run " + id + " has no data pass: " + run);
            }
            double seconds = Duration.between(first, last).toNanos() / 1e9;
            return new Measurement(rows, seconds, run.path("totals").path("rowsFailed").asLong(), stack.throttled(),
                    stack.peakRss(), BenchStack.cpuBetween(cpuAtDataStart.get(),
                            cpuAtDataEnd.get() == null ? stack.cpuSeconds() : cpuAtDataEnd.get()),
                    sampler.rowsPerSecond());
        }
    }

    private static boolean dataPassDone(JsonNode run) {
        boolean any = false;
        for (JsonNode step : run.path("steps")) {
            if (step.path("pass").asText().equals("DATA")) {
                if (step.path("finishedAt").isNull() || step.path("finishedAt").isMissingNode()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /**
     * Polls the run until it ends; {@code running} runs once when the run is planned and its first tables start,
     * {@code afterData} once when every table's data pass is done.
     */
    private static JsonNode awaitEnd(OrchestratorClient api, UUID id, Duration timeout, Runnable running,
            Runnable afterData) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean started = false;
        boolean dataDone = false;
        while (true) {
            JsonNode run = api.run(id);
            if (FINAL.contains(run.path("status").asText())) {
                return run;
            }
            if (!started && !run.path("status").asText().equals("Planning")) {
                running.run();
                started = true;
            }
            if (!dataDone && dataPassDone(run)) {
                afterData.run();
                dataDone = true;
            }
            if (System.nanoTime() > deadline) {
                api.cancel(id);
                throw new IllegalStateException("the bench run " + id + " did not end within " + timeout.toMinutes()
                        + " minutes; cancelled. Last state: " + run.path("status").asText());
            }
            try {
                // the copy is timed by its steps' own timestamps, not by this loop: poll no more than a watching user
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
