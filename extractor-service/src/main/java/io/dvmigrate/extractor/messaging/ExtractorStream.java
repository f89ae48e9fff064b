package io.dvmigrate.extractor.messaging;

import io.dvmigrate.contracts.ExtractCommand;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.MalformedMessageException;
import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.extractor.config.ExtractorConfig;
import io.dvmigrate.pipeline.extract.TableExtraction;
import io.dvmigrate.service.DataverseConnections;
import io.dvmigrate.service.Failures;
import io.dvmigrate.service.RunEventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * extract-commands → {@link TableExtraction} → records-extracted and run-events. Several tables are read at once;
 * a command is committed only when its extraction has finished and {@code ExtractCompleted} (or
 * {@code ExtractFailed}) is on the broker, so a crash re-reads the table and the ledger absorbs the repeat.
 */
@ApplicationScoped
@Startup
public class ExtractorStream {
    private static final Logger LOG = Logger.getLogger(ExtractorStream.class);

    private final Emitter<byte[]> chunks;
    private final RunEventPublisher events;
    private final DataverseConnections connections;
    private final ExtractorConfig config;
    private final Counter rowsRead;
    private final ExecutorService encoders;

    public ExtractorStream(@Channel("records-extracted") Emitter<byte[]> chunks,
            @Channel("run-events") Emitter<byte[]> events, ExtractorConfig config, MeterRegistry registry) {
        this.chunks = chunks;
        this.events = new RunEventPublisher(events, "extractor");
        this.connections = new DataverseConnections(registry);
        this.config = config;
        this.rowsRead = registry.counter("dvm.extractor.rows");
        this.encoders = Executors.newFixedThreadPool(config.encoderThreads(),
                Thread.ofPlatform().name("chunk-encoder-", 0).daemon().factory());
    }

    /** Runs on the {@code extractions} worker pool, {@code dvm.extractor.concurrency} at a time, unordered. */
    @Incoming("extract-commands")
    @Blocking(value = "extractions", ordered = false)
    public void extract(byte[] payload) {
        ExtractCommand command;
        try {
            command = Json.decode(payload, ExtractCommand.class);
        } catch (MalformedMessageException e) {
            LOG.errorf("skipping a message on the extract-commands topic that is not an extract command: %s", e.getMessage());
            return;
        }
        run(command);
    }

    private void run(ExtractCommand command) {
        try {
            TableExtraction extraction = new TableExtraction(command, connections.clientFor(command.source()),
                    connections.clientFor(command.target()), new BrokerChunkSink(chunks, encoders, config.chunksInFlight()),
                    event -> {
                        if (event instanceof RunEvent.ExtractCompleted completed) {
                            rowsRead.increment(completed.rows());
                        }
                        events.publishAndAwait(event);
                    }, config.pageSize(), config.existenceBatch());
            extraction.run();
        } catch (RuntimeException e) {
            LOG.errorf("extracting %s %s of run %s failed: %s", command.table(), command.pass(), command.run(), e.getMessage());
            events.publishAndAwait(new RunEvent.ExtractFailed(command.run(), command.table(), command.pass(),
                    Failures.of(e)));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        encoders.shutdown();
        connections.close();
    }
}
