package io.dvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.write.TableRef;
import io.dvmigrate.dataverse.write.WriteOperation;
import io.dvmigrate.dataverse.write.WriteOptions;
import io.dvmigrate.dataverse.write.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keeping a target in step: matching rows by an alternate key, and deleting what the source no longer has. */
class SyncTest {
    private static final String ACCOUNTS = """
              - table: account
                columns: {exclude: [primarycontactid, originatingleadid]}
            """;

    @Test
    void matchingByAnAlternateKeyUpdatesTheTargetsOwnRowsInsteadOfDuplicatingThem() {
        EndToEnd.environment("key-src", "demo:300");
        EndToEnd.environment("key-tgt", "demo-schema");
        Map<String, JsonNode> sourceProjects = EndToEnd.rows("key-src", "dvm_projects", "dvm_projectid",
                "dvm_projectid", "dvm_code", "dvm_name", "_dvm_accountid_value");
        // the target already has ten of the source's projects, under ids of its own and with stale names
        List<JsonNode> existing = sourceProjects.values().stream().limit(10).toList();
        List<JsonRow> rows = new ArrayList<>();
        List<String> targetIds = new ArrayList<>();
        for (JsonNode project : existing) {
            String id = UUID.randomUUID().toString();
            targetIds.add(id);
            rows.add(JsonRow.of(Json.MAPPER.createObjectNode().put("dvm_projectid", id)
                    .put("dvm_code", project.get("dvm_code").asText()).put("dvm_name", "stale name")));
        }
        WriteResult<JsonRow> created = EndToEnd.client("key-tgt").write(new TableRef("dvm_project", "dvm_projects",
                "dvm_projectid"), rows, WriteOperation.CREATE, WriteOptions.DEFAULT);
        assertThat(created.failures()).isEmpty();

        JsonNode run = run("e2e-key", "key-src", "key-tgt", "tables:\n" + ACCOUNTS
                + "  - table: dvm_project\n    match: {key: dvm_project_code}\nmanyToMany: none\n");

        assertThat(run.path("status").asText()).isEqualTo("Succeeded");
        Map<String, JsonNode> targetProjects = EndToEnd.rows("key-tgt", "dvm_projects", "dvm_projectid",
                "dvm_projectid", "dvm_code", "dvm_name", "_dvm_accountid_value");
        assertThat(targetProjects).as("no duplicate for the ten the target had").hasSameSizeAs(sourceProjects);
        for (int i = 0; i < existing.size(); i++) {
            JsonNode updated = targetProjects.get(targetIds.get(i));
            assertThat(updated).as("the target's own row, updated in place").isNotNull();
            assertThat(updated.get("dvm_name").asText()).isEqualTo(existing.get(i).get("dvm_name").asText());
            assertThat(updated.get("_dvm_accountid_value").asText())
                    .isEqualToIgnoringCase(existing.get(i).get("_dvm_accountid_value").asText());
        }
    }

    @Test
    void deleteMissingRemovesTheTargetRowsTheSourceNoLongerHas() {
        EndToEnd.environment("del-src", "demo:300");
        EndToEnd.environment("del-tgt", "demo-schema");
        List<JsonRow> extras = new ArrayList<>();
        List<String> extraIds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = UUID.randomUUID().toString();
            extraIds.add(id);
            extras.add(JsonRow.of(Json.MAPPER.createObjectNode().put("accountid", id).put("name", "only in the target " + i)));
        }
        assertThat(EndToEnd.client("del-tgt").write(new TableRef("account", "accounts", "accountid"), extras,
                WriteOperation.CREATE, WriteOptions.DEFAULT).failures()).isEmpty();

        JsonNode run = run("e2e-delete", "del-src", "del-tgt", "tables:\n" + ACCOUNTS + "    deleteMissing: true\n"
                + "manyToMany: none\n");

        assertThat(run.path("status").asText()).isEqualTo("Succeeded");
        assertThat(run.path("totals").path("rowsDeleted").asLong()).isEqualTo(7);
        Map<String, JsonNode> target = EndToEnd.rows("del-tgt", "accounts", "accountid", "accountid");
        assertThat(target.keySet()).doesNotContainAnyElementsOf(extraIds)
                .isEqualTo(EndToEnd.rows("del-src", "accounts", "accountid", "accountid").keySet());
    }

    private static JsonNode run(String name, String source, String target, String tables) {
        String plan = "name: " + name + "\nsource: " + EndToEnd.planEnvironment(source) + "\ntarget: "
                + EndToEnd.planEnvironment(target) + "\n" + tables;
        UUID id = EndToEnd.start(name, plan);
        JsonNode run = EndToEnd.awaitEnd(id, Duration.ofMinutes(4));
        assertThat(run.path("totals").path("mismatches").asLong()).as(EndToEnd.api().log(id, "json")).isZero();
        return run;
    }
}
