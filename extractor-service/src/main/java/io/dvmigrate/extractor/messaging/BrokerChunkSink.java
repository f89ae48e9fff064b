package io.dvmigrate.extractor.messaging;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkCodec;
import io.dvmigrate.pipeline.extract.ChunkSink;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends one table's chunks to records-extracted, with at most N awaiting the broker's acknowledgement. */
final class BrokerChunkSink implements ChunkSink {
    private final Emitter<byte[]> emitter;
    private final int inFlight;
    private final Deque<CompletableFuture<Void>> pending = new ArrayDeque<>();

    BrokerChunkSink(Emitter<byte[]> emitter, int inFlight) {
        this.emitter = emitter;
        this.inFlight = inFlight;
    }

    @Override
    public void send(Chunk chunk) {
        while (pending.size() >= inFlight) {
            pending.removeFirst().join();
        }
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(ChunkCodec.encode(chunk))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(chunk.id().key()).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        pending.addLast(acked);
    }

    @Override
    public void flush() {
        while (!pending.isEmpty()) {
            pending.removeFirst().join();
        }
    }
}
