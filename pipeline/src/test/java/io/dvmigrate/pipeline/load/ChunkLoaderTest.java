package io.dvmigrate.pipeline.load;

import static io.dvmigrate.pipeline.load.TargetRecords.ID;
import static io.dvmigrate.pipeline.load.TargetRecords.chunk;
import static io.dvmigrate.pipeline.load.TargetRecords.id;
import static io.dvmigrate.pipeline.load.TargetRecords.job;
import static io.dvmigrate.pipeline.load.TargetRecords.readBack;
import static io.dvmigrate.pipeline.load.TargetRecords.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.DeadLetter;
import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.Match;
import io.dvmigrate.contracts.RunEvent.RowFailure;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.ManyToManyRule;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.metrics.ClientStats;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Query;
import io.dvmigrate.dataverse.write.TableRef;
import io.dvmigrate.service.DataverseConnections;
import io.dvmigrate.testing.EmulatedEnvironments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chunks written to an emulated target over real HTTP, checked by reading the target back. */
class ChunkLoaderTest {
    private static EmulatedEnvironments environments;
    private static DataverseClient target;
    private static DataverseClient crm;
    private static String category;

    private final ChunkLoader loader = new ChunkLoader();

    @BeforeAll
    static void start() {
        environments = EmulatedEnvironments.start(Map.of("target", "generated:10", "crm", "demo:480"));
        target = DataverseClient.connect(DataverseConnections.settingsOf(environments.ref("target")));
        crm = DataverseClient.connect(DataverseConnections.settingsOf(environments.ref("crm")));
        category = TargetRecords.firstCategory(target);
    }

    @AfterAll
    static void stop() {
        target.close();
        crm.close();
        environments.close();
    }

    @Test
    void aChunkLandsInTheTargetAndARedeliveryChangesNothing() {
        List<ObjectNode> rows = rows("LAND", 30, category);
        Chunk chunk = chunk(job(TableJob.Action.UPSERT), rows);

        LoadOutcome outcome = loader.load(chunk, target);

        assertThat(outcome.written()).isEqualTo(30);
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.deadLetters()).isEmpty();
        Map<String, JsonNode> landed = readBack(target, "LAND");
        assertThat(landed.keySet()).containsExactlyInAnyOrderElementsOf(rows.stream().map(TargetRecords::id).toList());
        for (ObjectNode row : rows) {
            JsonNode found = landed.get(id(row));
            assertThat(found.get("dvm_name").asText()).isEqualTo(row.get("dvm_name").asText());
            assertThat(found.get("dvm_quantity").asInt()).isEqualTo(row.get("dvm_quantity").asInt());
            assertThat(found.get("_dvm_categoryid_value").asText()).isEqualTo(category);
        }

        LoadOutcome again = loader.load(chunk, target);

        assertThat(again.written()).isEqualTo(30);
        assertThat(again.failures()).isEmpty();
        assertThat(readBack(target, "LAND")).hasSize(30);
    }

    @Test
    void rowsTheTargetRefusesAreIsolatedAndReportedWithTheirErrorWhileTheRestLand() {
        List<ObjectNode> rows = rows("BAD", 40, category);
        rows.get(5).put("dvm_name", "x".repeat(101));
        rows.get(17).put(TargetRecords.CATEGORY_BIND, "/dvm_benchcategories(" + UUID.randomUUID() + ")");
        rows.get(33).put("dvm_name", "y".repeat(150));
        ErrorInfo transformerError = ErrorInfo.row(0, "DVM_TRANSFORM", "primary id 'dvm_benchrecordid' is empty");
        RowFailure rejectedEarlier = new RowFailure("dvm_benchrecordid=null", transformerError);
        TableJob job = job(TableJob.Action.UPSERT, Match.byId(), TableJob.WriteMode.UPSERT_MULTIPLE);
        Chunk chunk = chunk(job, Chunk.Content.TARGET_ROWS, List.of(rejectedEarlier), rows);
        ClientStats before = target.stats();

        LoadOutcome outcome = loader.load(chunk, target);

        long requests = target.stats().minus(before).requests();
        assertThat(requests).as("bisection, not one request per row").isLessThan(rows.size());
        assertThat(outcome.written()).isEqualTo(37);
        assertThat(outcome.failures()).extracting(RowFailure::id)
                .containsExactly(rejectedEarlier.id(), id(rows.get(5)), id(rows.get(17)), id(rows.get(33)));
        assertThat(outcome.failures().get(0).error()).isEqualTo(transformerError);
        assertThat(outcome.failures().get(1).error()).satisfies(error -> {
            assertThat(error.kind()).isEqualTo(ErrorInfo.Kind.ROW);
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.code()).isEqualTo("0x80044331");
            assertThat(error.message()).contains("dvm_name");
        });
        assertThat(outcome.failures().get(2).error()).satisfies(error -> {
            assertThat(error.kind()).isEqualTo(ErrorInfo.Kind.ROW);
            assertThat(error.status()).isEqualTo(404);
            assertThat(error.code()).isEqualTo("0x80040217");
            assertThat(error.message()).contains("dvm_benchcategory");
        });
        assertThat(outcome.deadLetters()).as("the transformer dead-lettered its own reject already")
                .extracting(DeadLetter::id).containsExactly(id(rows.get(5)), id(rows.get(17)), id(rows.get(33)));
        for (DeadLetter letter : outcome.deadLetters()) {
            assertThat(letter.stage()).isEqualTo(ChunkLoader.STAGE);
            assertThat(letter.job()).isEqualTo(job);
            assertThat(letter.row()).isEqualTo(rows.stream().filter(r -> id(r).equals(letter.id())).findFirst().orElseThrow());
            assertThat(letter.error()).isEqualTo(outcome.failures().stream().filter(f -> f.id().equals(letter.id()))
                    .findFirst().orElseThrow().error());
        }
        Map<String, JsonNode> landed = readBack(target, "BAD");
        assertThat(landed).hasSize(37).doesNotContainKeys(id(rows.get(5)), id(rows.get(17)), id(rows.get(33)));
    }

    @Test
    void anUpdateChunkPatchesExistingRowsAndFailsAMissingOneWithoutCreatingIt() {
        List<ObjectNode> rows = rows("UPD", 3, category);
        assertThat(loader.load(chunk(job(TableJob.Action.UPSERT), rows), target).written()).isEqualTo(3);
        List<ObjectNode> patches = new ArrayList<>();
        for (ObjectNode row : rows) {
            patches.add(Json.MAPPER.createObjectNode().put(ID, id(row)).put("dvm_name", "Patched " + id(row).substring(0, 8)));
        }
        String missing = UUID.randomUUID().toString();
        patches.add(Json.MAPPER.createObjectNode().put(ID, missing).put("dvm_name", "Never created").put("dvm_code", "UPD-9"));

        LoadOutcome outcome = loader.load(chunk(job(TableJob.Action.UPDATE), patches), target);

        assertThat(outcome.written()).isEqualTo(3);
        assertThat(outcome.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.id()).isEqualTo(missing);
            assertThat(failure.error().status()).isEqualTo(404);
        });
        Map<String, JsonNode> after = readBack(target, "UPD");
        assertThat(after).hasSize(3).doesNotContainKey(missing);
        assertThat(after.values()).allSatisfy(row -> assertThat(row.get("dvm_name").asText()).startsWith("Patched "));
    }

    @Test
    void aDeleteChunkRemovesTheRowsItNamesByIdOrByKeyAndARowAlreadyGoneCountsAsDeleted() {
        List<ObjectNode> rows = rows("DEL", 6, category);
        assertThat(loader.load(chunk(job(TableJob.Action.UPSERT), rows), target).written()).isEqualTo(6);
        List<JsonNode> byId = List.of(identity(ID, id(rows.get(0))), identity(ID, id(rows.get(1))),
                identity(ID, UUID.randomUUID().toString()));
        List<JsonNode> byKey = List.of(identity("dvm_code", "DEL-3"), identity("dvm_code", "DEL-4"));

        LoadOutcome deletedById = loader.load(chunk(job(TableJob.Action.DELETE), Chunk.Content.TARGET_ONLY, List.of(), byId),
                target);
        LoadOutcome deletedByKey = loader.load(chunk(job(TableJob.Action.DELETE,
                Match.byKey("dvm_benchrecord_code", List.of("dvm_code")), TableJob.WriteMode.AUTO),
                Chunk.Content.TARGET_ONLY, List.of(), byKey), target);

        assertThat(deletedById.written()).isEqualTo(3);
        assertThat(deletedById.failures()).isEmpty();
        assertThat(deletedByKey.written()).isEqualTo(2);
        assertThat(deletedByKey.failures()).isEmpty();
        assertThat(readBack(target, "DEL").keySet()).containsExactlyInAnyOrder(id(rows.get(4)), id(rows.get(5)));
    }

    @Test
    void anAssociateChunkLinksItsPairsAndALinkThatExistsCountsAsLinked() {
        String project = UUID.randomUUID().toString();
        crm.create(new TableRef("dvm_project", "dvm_projects", "dvm_projectid"), JsonRow.of("{\"dvm_projectid\":\""
                + project + "\",\"dvm_name\":\"Linked\",\"dvm_code\":\"LINK-1\"}"));
        List<String> contacts = new ArrayList<>();
        for (JsonRow row : crm.read(Query.of("contacts").select("contactid").pageSize(3)).next().rows()) {
            contacts.add(row.text("contactid").orElseThrow());
        }
        String noContact = UUID.randomUUID().toString();
        List<JsonNode> pairs = new ArrayList<>();
        for (String contact : contacts) {
            pairs.add(Json.MAPPER.createObjectNode().put("from", project).put("to", contact));
        }
        pairs.add(Json.MAPPER.createObjectNode().put("from", project).put("to", noContact));
        ManyToManyRule rule = new ManyToManyRule("dvm_project_contact", "dvm_project_contactset",
                new ManyToManyRule.Side("dvm_project", "dvm_projectid", "dvm_projects", "dvm_project_contact"),
                new ManyToManyRule.Side("contact", "contactid", "contacts", "dvm_project_contact"));
        TableJob job = new TableJob("dvm_project_contact", "dvm_project_contactid", "dvm_project_contact", "dvm_projects",
                "dvm_projectid", TableJob.Action.ASSOCIATE, Match.byId(), List.of(), List.of(), Map.of(),
                TableJob.WriteOptions.defaults(), rule);

        LoadOutcome first = loader.load(chunk(job, pairs), crm);
        LoadOutcome redelivered = loader.load(chunk(job, pairs), crm);

        for (LoadOutcome outcome : List.of(first, redelivered)) {
            assertThat(outcome.written()).isEqualTo(3);
            assertThat(outcome.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.id()).isEqualTo(project + "/" + noContact);
                assertThat(failure.error().status()).isEqualTo(404);
            });
            assertThat(outcome.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.row().get("from").asText()).isEqualTo(project);
                assertThat(letter.row().get("to").asText()).isEqualTo(noContact);
            });
        }
        List<String> linked = new ArrayList<>();
        for (Page page : crm.read(Query.of("dvm_project_contactset").select("contactid")
                .filter("dvm_projectid eq " + project))) {
            page.rows().forEach(row -> linked.add(row.text("contactid").orElseThrow().toLowerCase(Locale.ROOT)));
        }
        assertThat(linked).containsExactlyInAnyOrderElementsOf(contacts);
    }

    @Test
    void whenTheTargetRefusesTheCredentialsEveryRowFailsWithThatReasonAndNothingIsLost() throws IOException {
        Path wrongSecret = Files.createTempFile("dvm-wrong", ".secret");
        Files.writeString(wrongSecret, "not-the-secret-4711");
        EnvironmentRef good = environments.ref("target");
        EnvironmentRef wrong = new EnvironmentRef(good.name(), good.url(), good.tenant(), good.clientId(),
                "file:" + wrongSecret, good.authority(), good.trustCertificate(), List.of());
        List<ObjectNode> rows = rows("CRED", 4, category);
        RowFailure rejectedEarlier = new RowFailure("x", ErrorInfo.row(0, "DVM_TRANSFORM", "bad"));

        LoadOutcome outcome;
        try (DataverseClient refused = DataverseClient.connect(DataverseConnections.settingsOf(wrong))) {
            outcome = loader.load(chunk(job(TableJob.Action.UPSERT), Chunk.Content.TARGET_ROWS, List.of(rejectedEarlier),
                    rows), refused);
        } finally {
            Files.delete(wrongSecret);
        }

        assertThat(outcome.written()).isZero();
        assertThat(outcome.failures()).hasSize(5);
        assertThat(outcome.failures().subList(1, 5)).allSatisfy(failure -> {
            assertThat(failure.error().kind()).isEqualTo(ErrorInfo.Kind.CREDENTIALS);
            assertThat(failure.error().status()).isEqualTo(401);
            assertThat(failure.error().message()).contains("target").doesNotContain("not-the-secret-4711");
        });
        assertThat(outcome.deadLetters()).extracting(DeadLetter::id)
                .containsExactlyElementsOf(rows.stream().map(TargetRecords::id).toList());
        assertThat(readBack(target, "CRED")).isEmpty();
    }

    @Test
    void aVerifyChunkIsNotForWriting() {
        Chunk verify = chunk(job(TableJob.Action.VERIFY), rows("VER", 1, category));

        assertThatThrownBy(() -> loader.load(verify, target)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("verify");
        assertThat(readBack(target, "VER")).isEmpty();
    }

    private static JsonNode identity(String column, String value) {
        return Json.MAPPER.createObjectNode().put(column, value);
    }
}
