package io.dvmigrate.transformer.messaging;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkCodec;
import io.dvmigrate.service.DeadLetterPublisher;
import io.dvmigrate.transformer.mapping.ChunkTransformer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * records-extracted → {@link ChunkTransformer} → records-mapped. Dead letters are on the broker before the mapped
 * chunk is sent, and the extracted chunk is committed only after both.
 */
@ApplicationScoped
@Startup // its counters exist (at zero) before the first chunk arrives
public class TransformerStream {
    private final ChunkTransformer transformer = new ChunkTransformer();
    private final DeadLetterPublisher deadLetters;
    private final Counter rowsMapped;
    private final Counter rowsRejected;

    public TransformerStream(@Channel("dead-letter") Emitter<byte[]> deadLetters, MeterRegistry registry) {
        this.deadLetters = new DeadLetterPublisher(deadLetters);
        this.rowsMapped = registry.counter("dvm.transformer.rows", "outcome", "mapped");
        this.rowsRejected = registry.counter("dvm.transformer.rows", "outcome", "rejected");
    }

    @Incoming("records-extracted")
    @Outgoing("records-mapped")
    @Blocking
    public Message<byte[]> transform(Message<byte[]> message) {
        Chunk chunk = ChunkCodec.decode(message.getPayload());
        ChunkTransformer.Result result = transformer.transform(chunk);
        deadLetters.publishAndAwait(chunk.id(), result.deadLetters());
        rowsMapped.increment(result.mapped().rows().count());
        rowsRejected.increment(result.deadLetters().size());
        return message.withPayload(ChunkCodec.encode(result.mapped()))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(chunk.id().key()).build());
    }
}
