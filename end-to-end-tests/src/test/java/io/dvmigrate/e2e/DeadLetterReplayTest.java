package io.dvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.DeadLetter;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.Topics;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.batch.BatchOperation;
import io.dvmigrate.dataverse.batch.BatchRequest;
import io.dvmigrate.dataverse.batch.BatchResult;
import io.dvmigrate.dataverse.read.JsonRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Rows the target refuses (names longer than its column allows, an option value it lacks) go to the dead-letter
 * topic with Dataverse's code; the rest of the run completes as SucceededWithErrors. Once the column is widened and
 * the option value added, a replay re-drives them in dependency order (children that failed because their parent
 * did come after it) and the run verifies with zero mismatches.
 */
class DeadLetterReplayTest {
    private static final String SOURCE = "dl-src";
    private static final String TARGET = "dl-tgt";

    @Test
    void deadLetteredRowsCarryTheirErrorAndAReplayAfterTheFixBringsZeroMismatches() {
        EndToEnd.environment(SOURCE, "demo:1200");
        EndToEnd.environment(TARGET, "demo-schema");
        EndToEnd.emulator().admin("environments"); // the stack is up
        setMaxLength("account", "name", 16);
        optionValue("DeleteOptionValue", "contact", "gendercode", 2);
        String plan = "name: e2e-dead-letters\nsource: " + EndToEnd.planEnvironment(SOURCE) + "\ntarget: "
                + EndToEnd.planEnvironment(TARGET) + "\ntables: [account, contact, lead, opportunity, dvm_project]\n";

        UUID id = EndToEnd.start("e2e-dead-letters", plan);
        JsonNode run = EndToEnd.awaitEnd(id, Duration.ofMinutes(5));

        assertThat(run.path("status").asText()).isEqualTo("SucceededWithErrors");
        List<ConsumerRecord<String, byte[]>> letters = deadLetters(id);
        assertThat(letters).anySatisfy(letter -> {
            assertThat(header(letter, DeadLetter.Headers.TABLE)).isEqualTo("account");
            assertThat(header(letter, DeadLetter.Headers.PASS)).isEqualTo("DATA");
            assertThat(header(letter, DeadLetter.Headers.ERROR_CODE)).isEqualTo("0x80044331");
            assertThat(header(letter, DeadLetter.Headers.HTTP_STATUS)).isEqualTo("400");
            assertThat(header(letter, DeadLetter.Headers.ERROR_MESSAGE)).contains("name").contains("16");
            assertThat(header(letter, DeadLetter.Headers.CHUNK)).isNotBlank();
            assertThat(header(letter, DeadLetter.Headers.STAGE)).isEqualTo("loader");
            DeadLetter value = Json.decode(letter.value(), DeadLetter.class);
            assertThat(value.row().get("name").asText().length()).isGreaterThan(16);
            assertThat(value.error().code()).isEqualTo("0x80044331");
        });
        assertThat(letters).anySatisfy(letter -> {
            assertThat(header(letter, DeadLetter.Headers.TABLE)).isEqualTo("contact");
            assertThat(header(letter, DeadLetter.Headers.ERROR_CODE)).isEqualTo("0x8004431A");
            assertThat(Json.decode(letter.value(), DeadLetter.class).row().get("gendercode").asInt()).isEqualTo(2);
        });
        long accounts = EndToEnd.rows(SOURCE, "accounts", "accountid", "accountid").size();
        assertThat(EndToEnd.rows(TARGET, "accounts", "accountid", "accountid").size()).isLessThan((int) accounts);

        setMaxLength("account", "name", 160);
        optionValue("InsertOptionValue", "contact", "gendercode", 2);
        EndToEnd.api().replay(id);
        JsonNode replayed = EndToEnd.awaitRun(id, Duration.ofMinutes(5),
                view -> view.path("finishedAt").isTextual() && view.path("status").asText().startsWith("Succeeded")
                        && view.path("steps").findValues("pass").stream().anyMatch(p -> p.asText().equals("REPLAY")));

        assertThat(replayed.path("status").asText()).as(EndToEnd.api().log(id, "json")).isEqualTo("Succeeded");
        assertThat(replayed.path("totals").path("mismatches").asLong()).isZero();
        assertThat(EndToEnd.rows(TARGET, "accounts", "accountid", "accountid")).hasSize((int) accounts);
        assertThat(EndToEnd.rows(TARGET, "contacts", "contactid", "contactid"))
                .hasSameSizeAs(EndToEnd.rows(SOURCE, "contacts", "contactid", "contactid"));
    }

    private static void setMaxLength(String table, String column, int length) {
        EndToEnd.emulator().admin("environments"); // fail early if the emulator is gone
        String url = EndToEnd.emulator().baseUrl() + "_emulator/environments/" + TARGET + "/tables/" + table + "/columns/" + column;
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", "application/json")
                            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"maxLength\":" + length + "}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls Dataverse's own InsertOptionValue or DeleteOptionValue action on the target. */
    private static void optionValue(String action, String table, String column, int value) {
        DataverseClient target = EndToEnd.client(TARGET);
        String body = "{\"EntityLogicalName\":\"" + table + "\",\"AttributeLogicalName\":\"" + column + "\",\"Value\":" + value
                + (action.startsWith("Insert") ? ",\"Label\":{\"LocalizedLabels\":[{\"Label\":\"Option " + value
                + "\",\"LanguageCode\":1033}]}" : "") + "}";
        List<BatchResult> results = target.batch(new BatchRequest(List.of(BatchOperation.of("POST",
                target.settings().serviceRoot().getRawPath() + action).json(JsonRow.of(body))), false));
        assertThat(results).singleElement().satisfies(r -> assertThat(r.isSuccess()).as(new String(r.body())).isTrue());
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(UUID run) {
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EndToEnd.stack().kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (run.toString().equals(header(record, DeadLetter.Headers.RUN))) {
                        letters.add(record);
                    }
                }
                if (!letters.isEmpty() && consumer.assignment().stream()
                        .allMatch(p -> consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p))) {
                    break;
                }
            }
        }
        return letters;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
