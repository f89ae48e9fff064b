package io.dvmigrate.loader.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkCodec;
import io.dvmigrate.contracts.ChunkId;
import io.dvmigrate.contracts.DeadLetter;
import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.JsonRows;
import io.dvmigrate.contracts.Match;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.contracts.RunEvent.RowFailure;
import io.dvmigrate.contracts.RunEventCodec;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.Topics;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Query;
import io.dvmigrate.dataverse.write.TableRef;
import io.dvmigrate.service.DataverseConnections;
import io.dvmigrate.testing.EmulatedEnvironments;
import io.dvmigrate.testing.KafkaTestResource;
import io.dvmigrate.testing.TestTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loader as a running service: a mapped chunk in through its topic, rows in the target, events and dead letters out. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class LoaderServiceTest {
    private static final String ID = "dvm_benchrecordid";
    private static final ErrorInfo TRANSFORMER_REJECT = ErrorInfo.row(0, "DVM_TRANSFORM", "primary id 'dvm_benchrecordid' is empty");

    private static EmulatedEnvironments environments;
    private static DataverseClient target;

    @BeforeAll
    static void start() {
        environments = EmulatedEnvironments.start(Map.of("target", "generated:0"));
        target = DataverseClient.connect(DataverseConnections.settingsOf(environments.ref("target")));
    }

    @AfterAll
    static void stop() {
        target.close();
        environments.close();
    }

    @Test
    void aMappedChunkLandsInTheTargetAndIsReportedLoadedWithItsFailedRowsDeadLettered() {
        List<String> ids = new ArrayList<>();
        List<byte[]> rows = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            String name = i == 3 ? "x".repeat(101) : "Loaded " + i;
            rows.add(("{\"" + ID + "\":\"" + id + "\",\"dvm_name\":\"" + name + "\",\"dvm_code\":\"SVC-" + i + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Chunk chunk = chunk(TableJob.Action.UPSERT, environments.ref("target"),
                List.of(new RowFailure("dvm_benchrecordid=null", TRANSFORMER_REJECT)), rows);

        TestTopics.send(Topics.RECORDS_MAPPED, chunk.id().key(), ChunkCodec.encode(chunk), Map.of());

        RunEvent loaded = runEvent(chunk.id());
        assertThat(loaded).isInstanceOfSatisfying(RunEvent.ChunkLoaded.class, event -> {
            assertThat(event.chunk()).isEqualTo(chunk.id().number());
            assertThat(event.pass()).isEqualTo(Pass.DATA);
            assertThat(event.rows()).isEqualTo(6);
            assertThat(event.written()).isEqualTo(4);
            assertThat(event.failed()).isEqualTo(2);
            assertThat(event.failures()).extracting(RowFailure::id).containsExactly("dvm_benchrecordid=null", ids.get(2));
            assertThat(event.failures().get(1).error().code()).isEqualTo("0x80044331");
        });
        List<String> landed = new ArrayList<>();
        for (Page page : target.read(Query.of("dvm_benchrecords").select(ID).filter("startswith(dvm_code,'SVC-')"))) {
            page.rows().forEach(row -> landed.add(row.text(ID).orElseThrow()));
        }
        assertThat(landed).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(3), ids.get(4));

        List<ConsumerRecord<String, byte[]>> dead = TestTopics.read(Topics.DEAD_LETTER, 1, Duration.ofSeconds(30),
                r -> chunk.id().key().equals(r.key()));
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(TestTopics.header(record, DeadLetter.Headers.STAGE)).isEqualTo("loader");
            assertThat(TestTopics.header(record, DeadLetter.Headers.HTTP_STATUS)).isEqualTo("400");
            assertThat(TestTopics.header(record, DeadLetter.Headers.ERROR_CODE)).isEqualTo("0x80044331");
            assertThat(TestTopics.header(record, DeadLetter.Headers.TABLE)).isEqualTo("dvm_benchrecord");
            DeadLetter letter = Json.decode(record.value(), DeadLetter.class);
            assertThat(letter.id()).isEqualTo(ids.get(2));
            assertThat(letter.row().get("dvm_code").asText()).isEqualTo("SVC-3");
        });
    }

    @Test
    void aVerifyChunkIsComparedWithTheTargetAndReportedVerified() {
        String present = UUID.randomUUID().toString();
        String absent = UUID.randomUUID().toString();
        assertThat(target.upsert(new TableRef("dvm_benchrecord", "dvm_benchrecords", ID),
                List.of(JsonRow.of("{\"" + ID + "\":\"" + present + "\",\"dvm_name\":\"Verified\"}"))).failures()).isEmpty();
        Chunk chunk = chunk(TableJob.Action.VERIFY, environments.ref("target"), List.of(), List.of(
                ("{\"" + ID + "\":\"" + present + "\",\"dvm_name\":\"Verified\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"" + ID + "\":\"" + absent + "\",\"dvm_name\":\"Never loaded\"}").getBytes(StandardCharsets.UTF_8)));

        TestTopics.send(Topics.RECORDS_MAPPED, chunk.id().key(), ChunkCodec.encode(chunk), Map.of());

        assertThat(runEvent(chunk.id())).isEqualTo(new RunEvent.ChunkVerified(chunk.id().run(), "dvm_benchrecord",
                Pass.VERIFY, chunk.id().number(), 2, 1, List.of(absent), List.of(), List.of()));
    }

    @Test
    void aChunkThatCannotBeProcessedIsReportedFailedWithTheReason() {
        EnvironmentRef good = environments.ref("target");
        EnvironmentRef noSecret = new EnvironmentRef(good.name(), good.url(), good.tenant(), good.clientId(),
                "file:/nonexistent/dvm-secret", good.authority(), good.trustCertificate(), List.of());
        Chunk chunk = chunk(TableJob.Action.VERIFY, noSecret, List.of(), List.of(
                ("{\"" + ID + "\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8)));

        TestTopics.send(Topics.RECORDS_MAPPED, chunk.id().key(), ChunkCodec.encode(chunk), Map.of());

        assertThat(runEvent(chunk.id())).isInstanceOfSatisfying(RunEvent.ChunkFailed.class, failed -> {
            assertThat(failed.chunk()).isEqualTo(chunk.id().number());
            assertThat(failed.error().kind()).isEqualTo(ErrorInfo.Kind.CREDENTIALS);
            assertThat(failed.error().message()).contains("/nonexistent/dvm-secret");
        });
    }

    @Test
    void readinessIncludesKafkaAndMetricsArePrometheus() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Kafka connection health check"))
                .body(containsString("records-mapped"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE dvm_loader_rows counter"))
                .body(containsString("dvm_loader_rows_total{outcome=\"written\"}"))
                .body(containsString("dvm_loader_chunk_duration_seconds"));
    }

    private static Chunk chunk(TableJob.Action action, EnvironmentRef to, List<RowFailure> rejected, List<byte[]> rows) {
        TableJob job = new TableJob("dvm_benchrecord", ID, "dvm_benchrecord", "dvm_benchrecords", ID, action, Match.byId(),
                List.of(TableJob.ColumnRule.same("dvm_name"), TableJob.ColumnRule.same("dvm_code")), List.of(), Map.of(),
                TableJob.WriteOptions.defaults(), null);
        ChunkId id = new ChunkId(UUID.randomUUID(), "dvm_benchrecord",
                action == TableJob.Action.VERIFY ? Pass.VERIFY : Pass.DATA, 4);
        return new Chunk(new Chunk.Header(id, Chunk.Content.TARGET_ROWS, to, job, rejected), JsonRows.of(rows));
    }

    /** The one run event about {@code chunk}, decoded from its CloudEvents type and data. */
    private static RunEvent runEvent(ChunkId chunk) {
        List<ConsumerRecord<String, byte[]>> records = TestTopics.read(Topics.RUN_EVENTS, 1, Duration.ofSeconds(60),
                r -> chunk.run().toString().equals(r.key()));
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(TestTopics.header(record, "ce_source")).isEqualTo(RunEventCodec.SOURCE_PREFIX + "loader");
        assertThat(TestTopics.header(record, "ce_subject")).isEqualTo(chunk.run() + "/" + chunk.table() + "/"
                + chunk.pass() + "/" + chunk.number());
        return RunEventCodec.decode(TestTopics.header(record, "ce_type"), record.value());
    }
}
