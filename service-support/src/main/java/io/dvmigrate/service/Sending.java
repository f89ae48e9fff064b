package io.dvmigrate.service;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends through an emitter and tells when the broker has the record: the basis of "durable before commit". */
public final class Sending {
    private Sending() {
    }

    /** Sends {@code value} keyed by {@code key} and returns once the broker has acknowledged it. */
    public static void sendAndAwait(Emitter<byte[]> emitter, String key, byte[] value) {
        sendAllAndAwait(emitter, Map.of(key, value));
    }

    /**
     * Sends every value keyed by its key, then returns once the broker has acknowledged them all: one wait for the
     * lot, not one round trip after another.
     */
    public static void sendAllAndAwait(Emitter<byte[]> emitter, Map<String, byte[]> valuesByKey) {
        awaitAll(valuesByKey.entrySet().stream().map(keyed -> send(emitter, keyed.getKey(), keyed.getValue())).toList());
    }

    /** Sends {@code value} keyed by {@code key}; the future completes when the broker has it, or fails with why not. */
    public static CompletableFuture<Void> send(Emitter<byte[]> emitter, String key, byte[] value) {
        return send(emitter, Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }

    static CompletableFuture<Void> send(Emitter<byte[]> emitter, Message<byte[]> message) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(message
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }

    static void awaitAll(List<CompletableFuture<Void>> sends) {
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }
}
