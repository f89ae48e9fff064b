package io.dvmigrate.extractor.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkCodec;
import io.dvmigrate.contracts.ExtractCommand;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.Match;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.contracts.RunEventCodec;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.Topics;
import io.dvmigrate.testing.EmulatedEnvironments;
import io.dvmigrate.testing.KafkaTestResource;
import io.dvmigrate.testing.TestTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The extractor as a running service: a command in through its topic, chunks and run events out, over a real broker. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ExtractorServiceTest {
    private static final String ID = "dvm_benchrecordid";
    private static final String RECORDS = "dvm_benchrecords";
    private static final int SOURCE_ROWS = 120;
    private static final TableJob JOB = new TableJob("dvm_benchrecord", ID, "dvm_benchrecord", RECORDS, ID,
            TableJob.Action.UPSERT, Match.byId(), List.of(TableJob.ColumnRule.same("dvm_name")), List.of(), Map.of(),
            TableJob.WriteOptions.defaults(), null);

    private static EmulatedEnvironments environments;

    @BeforeAll
    static void start() {
        environments = EmulatedEnvironments.start(Map.of("source", "generated:" + SOURCE_ROWS, "target", "generated:0"));
    }

    @AfterAll
    static void stop() {
        environments.close();
    }

    @Test
    void aCommandBecomesNumberedChunksOnRecordsExtractedAndItsPassIsReportedComplete() {
        ExtractCommand command = command(List.of(ID, "dvm_name"));

        TestTopics.send(Topics.EXTRACT_COMMANDS, command.run().toString(), Json.encode(command), Map.of());

        List<ConsumerRecord<String, byte[]>> records = TestTopics.read(Topics.RECORDS_EXTRACTED, 3, Duration.ofSeconds(60),
                r -> r.key().startsWith(command.run() + "/"));
        List<Chunk> chunks = records.stream().map(r -> ChunkCodec.decode(r.value()))
                .sorted(Comparator.comparingInt(c -> c.id().number())).toList();
        assertThat(chunks).extracting(c -> c.id().number()).containsExactly(0, 1, 2);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(ChunkCodec.decode(r.value()).id().key()));
        assertThat(chunks).extracting(c -> c.rows().count()).containsExactly(50, 50, 20);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.header().content()).isEqualTo(Chunk.Content.SOURCE_ROWS);
            assertThat(chunk.header().target()).isEqualTo(environments.ref("target"));
            assertThat(chunk.header().job()).isEqualTo(JOB);
        });
        List<String> ids = new ArrayList<>();
        chunks.forEach(chunk -> chunk.rows().split().forEach(row -> ids.add(Json.decode(row, Map.class).get(ID).toString())));
        assertThat(ids).hasSize(SOURCE_ROWS).doesNotHaveDuplicates();

        List<RunEvent> events = runEvents(command.run(), 2);
        assertThat(events).containsExactly(
                new RunEvent.ExtractStarted(command.run(), "dvm_benchrecord", Pass.DATA, 0),
                new RunEvent.ExtractCompleted(command.run(), "dvm_benchrecord", Pass.DATA, 3, SOURCE_ROWS));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(counter(metrics, "dvm_extractor_rows_total")).isGreaterThanOrEqualTo(SOURCE_ROWS);
    }

    @Test
    void aCommandTheSourceRefusesIsReportedAsFailedWithDataversesReason() {
        ExtractCommand command = command(List.of(ID, "dvm_nosuchcolumn"));

        TestTopics.send(Topics.EXTRACT_COMMANDS, command.run().toString(), Json.encode(command), Map.of());

        List<RunEvent> events = runEvents(command.run(), 2);
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isInstanceOfSatisfying(RunEvent.ExtractFailed.class, failed -> {
            assertThat(failed.table()).isEqualTo("dvm_benchrecord");
            assertThat(failed.error().status()).isEqualTo(400);
            assertThat(failed.error().message()).contains("dvm_nosuchcolumn");
        });
    }

    @Test
    void readinessIncludesKafkaAndMetricsArePrometheus() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Kafka connection health check"))
                .body(containsString("extract-commands"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE dvm_extractor_rows counter"));
    }

    private static ExtractCommand command(List<String> select) {
        return new ExtractCommand(UUID.randomUUID(), "dvm_benchrecord", Pass.DATA, environments.ref("source"),
                environments.ref("target"), new ExtractCommand.Query(RECORDS, select, null, List.of(), List.of(ID)), null,
                JOB, 50, ExtractCommand.DEFAULT_CHUNK_BYTES);
    }

    /** The value of a counter without tags in Prometheus text. */
    private static double counter(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line ->
                Double.parseDouble(line.substring(name.length() + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in /q/metrics"));
    }

    /** The run's events, decoded from their CloudEvents type and data, in the order the run's partition holds them. */
    private static List<RunEvent> runEvents(UUID run, int count) {
        List<ConsumerRecord<String, byte[]>> records = TestTopics.read(Topics.RUN_EVENTS, count, Duration.ofSeconds(60),
                r -> run.toString().equals(r.key()));
        assertThat(records).allSatisfy(r -> {
            assertThat(TestTopics.header(r, "ce_source")).isEqualTo(RunEventCodec.SOURCE_PREFIX + "extractor");
            assertThat(TestTopics.header(r, "ce_subject")).startsWith(run + "/dvm_benchrecord/DATA");
        });
        return records.stream().map(r -> RunEventCodec.decode(TestTopics.header(r, "ce_type"), r.value())).toList();
    }
}
