package io.dvmigrate.transformer.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkCodec;
import io.dvmigrate.contracts.ChunkId;
import io.dvmigrate.contracts.DeadLetter;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.JsonRows;
import io.dvmigrate.contracts.Match;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.Topics;
import io.dvmigrate.testing.KafkaTestResource;
import io.dvmigrate.testing.TestTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The transformer as a running service: a chunk in through its incoming topic, out through its outgoing ones. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class TransformerServiceTest {

    @Test
    void aChunkComesInExtractedAndGoesOutMappedWithItsBadRowDeadLettered() throws Exception {
        ChunkId id = new ChunkId(UUID.randomUUID(), "account", Pass.DATA, 0);
        TableJob job = new TableJob("account", "accountid", "account", "accounts", "accountid", TableJob.Action.UPSERT, Match.byId(),
                List.of(new TableJob.ColumnRule("name", "name", Map.of())),
                List.of(new TableJob.LookupRule("parentaccountid", "parentaccountid", List.of(new TableJob.LookupTarget(
                        "account", "parentaccountid", "accounts", null, null)), null)),
                Map.of(), TableJob.WriteOptions.defaults(), null);
        JsonRows rows = JsonRows.of(List.of(
                "{\"accountid\":\"a-1\",\"name\":\"Fourth Coffee\",\"_parentaccountid_value\":null}".getBytes(StandardCharsets.UTF_8),
                "{\"name\":\"no id\"}".getBytes(StandardCharsets.UTF_8)));
        Chunk chunk = new Chunk(new Chunk.Header(id, Chunk.Content.SOURCE_ROWS, null, job, List.of()), rows);

        TestTopics.send(Topics.RECORDS_EXTRACTED, id.key(), ChunkCodec.encode(chunk), Map.of());

        List<ConsumerRecord<String, byte[]>> mapped = TestTopics.read(Topics.RECORDS_MAPPED, 1, Duration.ofSeconds(60),
                r -> id.key().equals(r.key()));
        assertThat(mapped).hasSize(1);
        Chunk out = ChunkCodec.decode(mapped.get(0).value());
        assertThat(out.header().content()).isEqualTo(Chunk.Content.TARGET_ROWS);
        assertThat(out.header().rejected()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("accountid=null");
            assertThat(r.error().message()).contains("primary id 'accountid' is empty");
        });
        JsonNode row = Json.MAPPER.readTree(out.rows().split().get(0));
        assertThat(row.get("accountid").asText()).isEqualTo("a-1");
        assertThat(row.get("name").asText()).isEqualTo("Fourth Coffee");
        assertThat(row.get("parentaccountid@odata.bind").isNull()).isTrue();

        List<ConsumerRecord<String, byte[]>> dead = TestTopics.read(Topics.DEAD_LETTER, 1, Duration.ofSeconds(30),
                r -> id.key().equals(r.key()));
        assertThat(dead).hasSize(1);
        assertThat(TestTopics.header(dead.get(0), DeadLetter.Headers.RUN)).isEqualTo(id.run().toString());
        assertThat(TestTopics.header(dead.get(0), DeadLetter.Headers.TABLE)).isEqualTo("account");
        assertThat(TestTopics.header(dead.get(0), DeadLetter.Headers.PASS)).isEqualTo("DATA");
        assertThat(TestTopics.header(dead.get(0), DeadLetter.Headers.CHUNK)).isEqualTo("0");
        assertThat(TestTopics.header(dead.get(0), DeadLetter.Headers.STAGE)).isEqualTo("transformer");
        assertThat(TestTopics.header(dead.get(0), DeadLetter.Headers.ERROR_MESSAGE)).contains("primary id 'accountid' is empty");
        DeadLetter letter = Json.decode(dead.get(0).value(), DeadLetter.class);
        assertThat(letter.row().get("name").asText()).isEqualTo("no id");
    }

    @Test
    void healthIncludesKafkaAndMetricsArePrometheus() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Kafka connection health check"))
                .body(containsString("records-extracted"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("dvm_transformer_rows"));
    }
}
