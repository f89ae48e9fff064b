package io.dvmigrate.service;

import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.contracts.RunEventCodec;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes run events as CloudEvents (Kafka binary binding: {@code ce_*} headers, JSON data), keyed by run so that a
 * run's events stay in order on one partition.
 */
public final class RunEventPublisher {
    private final Emitter<byte[]> emitter;
    private final URI source;

    /** @param service the publishing service's name, e.g. {@code loader}: the events' CloudEvents source */
    public RunEventPublisher(Emitter<byte[]> emitter, String service) {
        this.emitter = emitter;
        this.source = URI.create(RunEventCodec.SOURCE_PREFIX + service);
    }

    /** Completes when the broker has acknowledged the event. */
    public CompletableFuture<Void> publish(RunEvent event) {
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(UUID.randomUUID().toString())
                .withType(event.type())
                .withSource(source)
                .withSubject(event.subject())
                .withDataContentType("application/json")
                .withTimestamp(ZonedDateTime.now())
                .build();
        Message<byte[]> message = Message.of(RunEventCodec.encode(event))
                .addMetadata(cloudEvent)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.run().toString()).build());
        return Sending.send(emitter, message);
    }

    public void publishAndAwait(RunEvent event) {
        publish(event).join();
    }
}
