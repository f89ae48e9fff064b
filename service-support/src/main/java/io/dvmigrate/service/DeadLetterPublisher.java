package io.dvmigrate.service;

import io.dvmigrate.contracts.ChunkId;
import io.dvmigrate.contracts.DeadLetter;
import io.dvmigrate.contracts.Json;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends rows that could not be transformed or written to the dead-letter topic: the row and the error as the value,
 * the context (run, table, pass, chunk, stage, HTTP status, Dataverse code and message) as headers.
 */
public final class DeadLetterPublisher {
    private final Emitter<byte[]> emitter;

    public DeadLetterPublisher(Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Returns once the broker has every one of {@code letters}: only then may their chunk be committed. */
    public void publishAndAwait(ChunkId chunk, List<DeadLetter> letters) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(letters.size());
        for (DeadLetter letter : letters) {
            RecordHeaders headers = new RecordHeaders();
            letter.headers(chunk).forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
            sends.add(Sending.send(emitter, Message.of(Json.encode(letter)).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(chunk.key()).withHeaders(headers).build())));
        }
        Sending.awaitAll(sends);
    }
}
