package io.dvmigrate.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.contracts.ExtractCommand;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.pipeline.extract.ChunkSink;
import io.dvmigrate.pipeline.extract.TableExtraction;
import io.dvmigrate.pipeline.load.ChunkLoader;
import io.dvmigrate.pipeline.load.LoadOutcome;
import io.dvmigrate.pipeline.transform.ChunkTransformer;
import io.dvmigrate.service.DataverseConnections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The baseline the pipeline is measured against: the same plan's data pass copied inside this process, with the
 * pipeline's own stages ({@link TableExtraction}, {@link ChunkTransformer}, {@link ChunkLoader}) and the same client,
 * but no Kafka, no services and no ledger: pages are read, mapped and upserted by {@code parallelism} workers. Tables
 * go tier by tier, as the plan orders them.
 */
final class DirectCopy {
    /** Rows per page and target ids per existence check: the extractor's defaults (dvm.extractor.page-size, …). */
    private static final int PAGE_SIZE = 5000;
    private static final int EXISTENCE_BATCH = 50;

    private final JsonNode compiled;
    private final EnvironmentRef source;
    private final EnvironmentRef target;
    private final int chunkRows;
    private final int parallelism;

    /**
     * @param compiled    the plan compiled by the orchestrator ({@code compiled} of a preview with jobs)
     * @param chunkRows   rows per chunk and bulk request, as the plan's {@code write.chunkSize}
     * @param parallelism chunks mapped and written at once
     */
    DirectCopy(JsonNode compiled, EnvironmentRef source, EnvironmentRef target, int chunkRows, int parallelism) {
        this.compiled = compiled;
        this.source = source;
        this.target = target;
        this.chunkRows = chunkRows;
        this.parallelism = parallelism;
    }

    Measurement run(BenchStack stack) {
        UUID run = UUID.randomUUID();
        AtomicLong written = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(parallelism);
        ExecutorService readers = Executors.newCachedThreadPool();
        try (DataverseClient from = DataverseClient.connect(DataverseConnections.settingsOf(source));
                DataverseClient to = DataverseClient.connect(DataverseConnections.settingsOf(target));
                ThroughputSampler sampler = new ThroughputSampler(stack.emulator(), BenchStack.TARGET)) {
            ChunkTransformer transformer = new ChunkTransformer();
            ChunkLoader loader = new ChunkLoader();
            Map<String, Double> cpuBefore = stack.cpuSeconds();
            long started = System.nanoTime();
            for (JsonNode tier : compiled.path("tiers")) {
                List<CompletableFuture<Void>> tables = new ArrayList<>();
                for (JsonNode table : tier) {
                    JsonNode work = tableWork(table.asText());
                    if (work == null) {
                        continue;
                    }
                    ExtractCommand command = new ExtractCommand(run, table.asText(), Pass.DATA, source, target,
                            Json.MAPPER.convertValue(work.get("query"), ExtractCommand.Query.class), null,
                            Json.MAPPER.convertValue(work.get("job"), TableJob.class), chunkRows,
                            ExtractCommand.DEFAULT_CHUNK_BYTES);
                    ChunkSink sink = new WorkerSink(workers, parallelism * 2, chunk -> {
                        ChunkTransformer.Result mapped = transformer.transform(chunk);
                        LoadOutcome outcome = loader.load(mapped.mapped(), to);
                        written.addAndGet(outcome.written());
                        failed.addAndGet(outcome.failures().size() + mapped.deadLetters().size());
                    });
                    tables.add(CompletableFuture.runAsync(() -> new TableExtraction(command, from, to, sink, event -> {
                    }, PAGE_SIZE, EXISTENCE_BATCH).run(), readers));
                }
                CompletableFuture.allOf(tables.toArray(CompletableFuture[]::new)).join();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Measurement(written.get(), seconds, failed.get(), stack.throttled(), Map.of(),
                    BenchStack.cpuBetween(cpuBefore, stack.cpuSeconds()), sampler.rowsPerSecond());
        } finally {
            workers.shutdownNow();
            readers.shutdownNow();
        }
    }

    /** The data pass of a table, or null when the table has none. */
    private JsonNode tableWork(String table) {
        for (JsonNode planned : compiled.path("tables")) {
            if (planned.path("table").asText().equals(table)) {
                JsonNode work = planned.path("work").path(Pass.DATA.name());
                return work.isMissingNode() ? null : work;
            }
        }
        return null;
    }

    /** Chunks handed to the workers, at most {@code backlog} waiting, so a fast reader cannot fill the heap. */
    private static final class WorkerSink implements ChunkSink {
        private final ExecutorService workers;
        private final Semaphore backlog;
        private final Consumer<Chunk> work;
        private final List<Future<?>> pending = new ArrayList<>();

        WorkerSink(ExecutorService workers, int backlog, Consumer<Chunk> work) {
            this.workers = workers;
            this.backlog = new Semaphore(backlog);
            this.work = work;
        }

        @Override
        public void send(Chunk chunk) {
            backlog.acquireUninterruptibly();
            pending.add(workers.submit(() -> {
                try {
                    work.accept(chunk);
                } finally {
                    backlog.release();
                }
            }));
        }

        @Override
        public void flush() {
            for (Future<?> future : pending) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            pending.clear();
        }
    }
}
