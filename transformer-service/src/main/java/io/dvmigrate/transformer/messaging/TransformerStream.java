package io.dvmigrate.transformer.messaging;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkCodec;
import io.dvmigrate.contracts.MalformedMessageException;
import io.dvmigrate.service.DeadLetterPublisher;
import io.dvmigrate.service.Sending;
import io.dvmigrate.pipeline.transform.ChunkTransformer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * records-extracted → {@link ChunkTransformer} → records-mapped (and dead-letter). The extracted chunk is committed
 * only once its dead letters and its mapped chunk are on the broker; several chunks are transformed at once.
 */
@ApplicationScoped
@Startup // its counters exist (at zero) before the first chunk arrives
public class TransformerStream {
    private static final Logger LOG = Logger.getLogger(TransformerStream.class);

    private final ChunkTransformer transformer = new ChunkTransformer();
    private final Emitter<byte[]> mapped;
    private final DeadLetterPublisher deadLetters;
    private final Counter rowsMapped;
    private final Counter rowsRejected;

    public TransformerStream(@Channel("records-mapped") Emitter<byte[]> mapped,
            @Channel("dead-letter") Emitter<byte[]> deadLetters, MeterRegistry registry) {
        this.mapped = mapped;
        this.deadLetters = new DeadLetterPublisher(deadLetters);
        this.rowsMapped = registry.counter("dvm.transformer.rows", "outcome", "mapped");
        this.rowsRejected = registry.counter("dvm.transformer.rows", "outcome", "rejected");
    }

    @Incoming("records-extracted")
    @Blocking(value = "transforms", ordered = false)
    public void transform(byte[] payload) {
        Chunk chunk;
        try {
            chunk = ChunkCodec.decode(payload);
        } catch (MalformedMessageException e) {
            LOG.errorf("skipping a message on records-extracted that is not a chunk: %s", e.getMessage());
            return;
        }
        ChunkTransformer.Result result = transformer.transform(chunk);
        deadLetters.publishAndAwait(chunk.id(), result.deadLetters());
        Sending.sendAndAwait(mapped, chunk.id().key(), ChunkCodec.encode(result.mapped()));
        rowsMapped.increment(result.mapped().rows().count());
        rowsRejected.increment(result.deadLetters().size());
    }
}
