package io.dvmigrate.extractor.messaging;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkCodec;
import io.dvmigrate.pipeline.extract.ChunkSink;
import io.dvmigrate.service.Sending;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Sends one table's chunks to records-extracted. A chunk is encoded (JSON, then an LZ4 frame) and handed to the
 * producer on an encoder thread, so that the reader asks for its next page meanwhile: the source serves a page while
 * the last one's chunks are compressed. At most N chunks are being encoded or awaiting the broker's acknowledgement;
 * the next one waits for the oldest.
 */
final class BrokerChunkSink implements ChunkSink {
    private final Emitter<byte[]> emitter;
    private final Executor encoders;
    private final int inFlight;
    private final Deque<CompletableFuture<Void>> pending = new ArrayDeque<>();

    BrokerChunkSink(Emitter<byte[]> emitter, Executor encoders, int inFlight) {
        this.emitter = emitter;
        this.encoders = encoders;
        this.inFlight = inFlight;
    }

    @Override
    public void send(Chunk chunk) {
        while (pending.size() >= inFlight) {
            pending.removeFirst().join();
        }
        CompletableFuture<Void> acked = CompletableFuture.supplyAsync(() -> ChunkCodec.encode(chunk), encoders)
                .thenCompose(encoded -> Sending.send(emitter, chunk.id().key(), encoded));
        pending.addLast(acked);
    }

    @Override
    public void flush() {
        while (!pending.isEmpty()) {
            pending.removeFirst().join();
        }
    }
}
