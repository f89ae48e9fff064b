package io.dvmigrate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** CreateMultiple, UpdateMultiple and UpsertMultiple: shapes, all-or-nothing, and tables without bulk support. */
class BulkTest {
    private static final String TYPE = "Microsoft.Dynamics.CRM.dvm_project";
    private static DataverseEmulator emulator;
    private static TestClient api;

    @BeforeAll
    static void start() {
        emulator = DataverseEmulator.builder().environment("crm", "demo-schema").start();
        api = TestClient.of(emulator, "crm");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Map<String, Object> project(String code, String name) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("@odata.type", TYPE);
        target.put("dvm_code", code);
        target.put("dvm_name", name);
        return target;
    }

    private static int count(String filter) {
        return api.get("dvm_projects?$select=dvm_code&$filter=" + filter.replace(" ", "%20")).json().get("value").size();
    }

    @Test
    void createMultipleAnswersWithTheIds() {
        TestClient.Response created = api.post("dvm_projects/Microsoft.Dynamics.CRM.CreateMultiple",
                Map.of("Targets", List.of(project("CM-1", "One"), project("CM-2", "Two"), project("CM-3", "Three"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("@odata.context").asText())
                .isEqualTo(api.root() + "$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse");
        assertThat(created.json().get("Ids")).hasSize(3);
        String first = created.json().get("Ids").get(0).asText();
        assertThat(api.get("dvm_projects(" + first + ")?$select=dvm_code").json().get("dvm_code").asText()).isEqualTo("CM-1");

        Map<String, Object> update = new LinkedHashMap<>();
        update.put("@odata.type", TYPE);
        update.put("dvm_projectid", first);
        update.put("dvm_name", "One updated");
        TestClient.Response updated = api.post("dvm_projects/Microsoft.Dynamics.CRM.UpdateMultiple",
                Map.of("Targets", List.of(update)));
        assertThat(updated.status()).isEqualTo(204);
        assertThat(api.get("dvm_projects(" + first + ")?$select=dvm_name").json().get("dvm_name").asText())
                .isEqualTo("One updated");
        update.put("dvm_projectid", UUID.randomUUID().toString());
        TestClient.Response missing = api.post("dvm_projects/Microsoft.Dynamics.CRM.UpdateMultiple",
                Map.of("Targets", List.of(update)));
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void upsertMultipleCreatesAndUpdatesByIdAndByKey() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> byId = project("UM-1", "By id");
        byId.put("dvm_projectid", id);
        Map<String, Object> byKey = new LinkedHashMap<>();
        byKey.put("@odata.type", TYPE);
        byKey.put("@odata.id", "dvm_projects(dvm_code='UM-2')");
        byKey.put("dvm_name", "By key");
        assertThat(api.post("dvm_projects/Microsoft.Dynamics.CRM.UpsertMultiple",
                Map.of("Targets", List.of(byId, byKey))).status()).isEqualTo(204);
        assertThat(api.get("dvm_projects(" + id + ")?$select=dvm_name").json().get("dvm_name").asText()).isEqualTo("By id");
        assertThat(api.get("dvm_projects(dvm_code='UM-2')?$select=dvm_name").json().get("dvm_name").asText()).isEqualTo("By key");
        byId.put("dvm_name", "By id, again");
        byKey.put("dvm_name", "By key, again");
        TestClient.Response again = api.post("dvm_projects/Microsoft.Dynamics.CRM.UpsertMultiple",
                Map.of("Targets", List.of(byId, byKey)));
        assertThat(again.status()).isEqualTo(204);
        assertThat(again.body()).isEmpty();
        assertThat(count("startswith(dvm_code,'UM-')")).isEqualTo(2);
        assertThat(api.get("dvm_projects(dvm_code='UM-2')?$select=dvm_name").json().get("dvm_name").asText())
                .isEqualTo("By key, again");
    }

    @Test
    void oneBadTargetRollsBackTheWholeRequest() {
        List<Map<String, Object>> targets = new ArrayList<>();
        targets.add(project("AON-1", "fine"));
        targets.add(project("AON-2", "fine"));
        targets.add(project("AON-3", "x".repeat(101)));
        TestClient.Response failed = api.post("dvm_projects/Microsoft.Dynamics.CRM.UpsertMultiple", Map.of("Targets", targets));
        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.errorCode()).isEqualTo("0x80044331");
        assertThat(failed.header("x-dvm-bulk-target-index")).isEqualTo("2");
        assertThat(count("startswith(dvm_code,'AON-')")).isZero();

        Map<String, Object> untyped = project("AON-4", "no type");
        untyped.remove("@odata.type");
        TestClient.Response noType = api.post("dvm_projects/Microsoft.Dynamics.CRM.CreateMultiple",
                Map.of("Targets", List.of(project("AON-5", "typed"), untyped)));
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.errorMessage()).contains("@odata.type");
        assertThat(count("startswith(dvm_code,'AON-')")).isZero();
    }

    private static int filters(String message, String table) {
        TestClient.Response response = api.get("sdkmessagefilters?$select=sdkmessagefilterid&$filter=sdkmessageid/name%20eq%20@message"
                + "%20and%20primaryobjecttypecode%20eq%20@table&@message='" + message + "'&@table='" + table + "'");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("value").size();
    }

    @Test
    void theDocumentedSupportCheckFollowsEachTable() {
        assertThat(filters("CreateMultiple", "dvm_project")).isEqualTo(1);
        assertThat(filters("UpdateMultiple", "account")).isEqualTo(1);
        assertThat(filters("UpsertMultiple", "account")).as("the real query lists none for UpsertMultiple").isZero();
        assertThat(filters("CreateMultiple", "phonecall")).isZero();
        emulator.admin().setBulkOperations("crm", "account", false);
        assertThat(filters("CreateMultiple", "account")).isZero();
        emulator.admin().setBulkOperations("crm", "account", true);
        assertThat(filters("CreateMultiple", "account")).isEqualTo(1);
    }

    @Test
    void tablesCanRefuseBulkActions() {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("@odata.type", "Microsoft.Dynamics.CRM.phonecall");
        call.put("subject", "Bulk call");
        TestClient.Response refused = api.post("phonecalls/Microsoft.Dynamics.CRM.CreateMultiple", Map.of("Targets", List.of(call)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorMessage()).contains("'CreateMultiple' method does not support entities of type 'phonecall'");

        emulator.admin().setBulkOperations("crm", "phonecall", true);
        assertThat(api.post("phonecalls/Microsoft.Dynamics.CRM.CreateMultiple", Map.of("Targets", List.of(call))).status())
                .isEqualTo(200);
        emulator.admin().setBulkOperations("crm", "phonecall", false);

        TestClient.Response delete = api.post("dvm_projects/Microsoft.Dynamics.CRM.DeleteMultiple", Map.of("Targets", List.of()));
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.errorMessage()).isEqualTo("DeleteMultiple has not yet been implemented.");
        JsonNode ignored = api.get("phonecalls?$select=subject").json();
        assertThat(ignored.get("value")).hasSize(1);
    }
}
