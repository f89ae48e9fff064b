package io.dvmigrate.orchestrator.run;

import io.dvmigrate.contracts.MalformedMessageException;
import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.contracts.RunEventCodec;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes the run events the services publish and hands them to the {@link RunConductor}. An event is committed
 * only after the conductor's transaction: a crash redelivers it, and the ledger makes the repeat a no-op.
 */
@ApplicationScoped
public class RunEventListener {
    private static final Logger LOG = Logger.getLogger(RunEventListener.class);
    private static final int ATTEMPTS = 5;

    private final RunConductor conductor;
    private final Ledger ledger;

    public RunEventListener(RunConductor conductor, Ledger ledger) {
        this.conductor = conductor;
        this.ledger = ledger;
    }

    @Incoming("run-events")
    @Blocking // ordered: a run's events apply in the order they were published
    public CompletionStage<Void> consume(Message<byte[]> message) {
        RunEvent event;
        try {
            String type = message.getMetadata(IncomingCloudEventMetadata.class)
                    .map(IncomingCloudEventMetadata::getType)
                    .orElseThrow(() -> new MalformedMessageException("a run event without a CloudEvents type"));
            event = RunEventCodec.decode(type, message.getPayload());
        } catch (MalformedMessageException e) {
            LOG.errorf("skipping a message on the run-events topic that is not a dvmigrate run event: %s", e.getMessage());
            return message.ack();
        }
        applyWithRetries(event);
        return message.ack();
    }

    /** A database hiccup must not lose an event: retry, then fail the channel (readiness goes down) rather than skip. */
    private void applyWithRetries(RunEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                // most events are a chunk that only adds to its step's counts: one statement, no run lock
                if (!(event instanceof RunEvent.ChunkLoaded loaded && ledger.countLoaded(loaded))) {
                    conductor.handle(event);
                }
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("applying %s failed (attempt %d of %d): %s", event.type(), attempt, ATTEMPTS, e.getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
