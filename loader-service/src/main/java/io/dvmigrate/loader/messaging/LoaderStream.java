package io.dvmigrate.loader.messaging;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkCodec;
import io.dvmigrate.contracts.MalformedMessageException;
import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.loader.config.LoaderConfig;
import io.dvmigrate.pipeline.load.ChunkLoader;
import io.dvmigrate.pipeline.load.LoadOutcome;
import io.dvmigrate.pipeline.load.Verifier;
import io.dvmigrate.service.DataverseConnections;
import io.dvmigrate.service.DeadLetterPublisher;
import io.dvmigrate.service.Failures;
import io.dvmigrate.service.RunEventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * records-mapped → {@link ChunkLoader} (or {@link Verifier}) → the target, dead-letter and run-events. A chunk is
 * committed only after its dead letters and its {@code ChunkLoaded} are on the broker: a crash redelivers it, the
 * writes are idempotent, and the orchestrator's ledger counts it once. Loader instances share the partitions of the
 * topic through their consumer group; each works on several chunks at once.
 */
@ApplicationScoped
@Startup
public class LoaderStream {
    private static final Logger LOG = Logger.getLogger(LoaderStream.class);
    private final ChunkLoader loader = new ChunkLoader();
    private final Verifier verifier;
    private final DeadLetterPublisher deadLetters;
    private final RunEventPublisher events;
    private final DataverseConnections connections;
    private final Counter rowsWritten;
    private final Counter rowsFailed;
    private final Timer chunkLatency;
    private final ChunkGates gates;

    public LoaderStream(@Channel("dead-letter") Emitter<byte[]> deadLetters, @Channel("run-events") Emitter<byte[]> events,
            LoaderConfig config, MeterRegistry registry) {
        this.verifier = new Verifier(config.verifyBatch(), config.verifySample());
        this.deadLetters = new DeadLetterPublisher(deadLetters);
        this.events = new RunEventPublisher(events, "loader");
        this.connections = new DataverseConnections(registry);
        this.rowsWritten = registry.counter("dvm.loader.rows", "outcome", "written");
        this.rowsFailed = registry.counter("dvm.loader.rows", "outcome", "failed");
        this.chunkLatency = registry.timer("dvm.loader.chunk.duration");
        this.gates = new ChunkGates(config.requestsPerUser(), config.chunkMemoryMb());
    }

    /** Runs on the {@code loads} worker pool, several chunks at a time; the client keeps requests within limits. */
    @Incoming("records-mapped")
    @Blocking(value = "loads", ordered = false)
    public void load(byte[] payload) {
        try (ChunkGates.Pass admitted = gates.admit(payload)) {
            Chunk chunk;
            try {
                chunk = ChunkCodec.decode(payload);
            } catch (MalformedMessageException e) {
                LOG.errorf("skipping a message on records-mapped that is not a chunk: %s", e.getMessage());
                return;
            }
            handle(chunk);
        }
    }

    private void handle(Chunk chunk) {
        Timer.Sample started = Timer.start();
        try (ChunkGates.Pass pass = gates.enter(chunk)) {
            process(chunk);
        } catch (RuntimeException e) {
            // never let one chunk stop the stream: the orchestrator fails its table with the reason
            LOG.errorf(e, "chunk %s could not be processed", chunk.id().key());
            events.publishAndAwait(new RunEvent.ChunkFailed(chunk.id().run(), chunk.id().table(), chunk.id().pass(),
                    chunk.id().number(), Failures.of(e)));
        }
        started.stop(chunkLatency);
    }

    private void process(Chunk chunk) {
        DataverseClient target = connections.clientFor(chunk.header().target());
        if (chunk.header().job().action() == TableJob.Action.VERIFY) {
            events.publishAndAwait(verifier.verify(chunk, target));
        } else {
            LoadOutcome outcome = loader.load(chunk, target);
            deadLetters.publishAndAwait(chunk.id(), outcome.deadLetters());
            events.publishAndAwait(new RunEvent.ChunkLoaded(chunk.id().run(), chunk.id().table(), chunk.id().pass(),
                    chunk.id().number(), chunk.rows().count() + chunk.header().rejected().size(), outcome.written(),
                    outcome.failures().size(), outcome.failures()));
            rowsWritten.increment(outcome.written());
            rowsFailed.increment(outcome.failures().size());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        connections.close();
    }
}
