package io.dvmigrate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Change tracking: the initial tracked read, delta links, changed rows then $deletedEntity entries. */
class ChangeTrackingTest {
    private static DataverseEmulator emulator;
    private static TestClient api;

    @BeforeAll
    static void start() {
        emulator = DataverseEmulator.builder().environment("crm", "demo").start();
        api = TestClient.of(emulator, "crm");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void theInitialReadPagesToADeltaLinkAndDeltasListChangesThenDeletions() {
        Set<String> initial = new HashSet<>();
        String next = "leads?$select=fullname,subject";
        String deltaLink = null;
        while (next != null) {
            TestClient.Response page = api.get(next, "Prefer", "odata.track-changes,odata.maxpagesize=150");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.header("Preference-Applied")).contains("odata.track-changes").contains("odata.maxpagesize=150");
            page.json().get("value").forEach(row -> initial.add(row.get("leadid").asText()));
            next = page.json().has("@odata.nextLink") ? page.json().get("@odata.nextLink").asText() : null;
            deltaLink = page.json().has("@odata.deltaLink") ? page.json().get("@odata.deltaLink").asText() : deltaLink;
        }
        assertThat(initial).hasSize(400);
        assertThat(deltaLink).startsWith(api.root() + "leads?$select=fullname,subject&$deltatoken=");

        List<String> ids = new ArrayList<>(initial);
        assertThat(api.patch("leads(" + ids.get(0) + ")", Map.of("subject", "Changed")).status()).isEqualTo(204);
        assertThat(api.patch("leads(" + ids.get(1) + ")", Map.of("subject", "Changed too")).status()).isEqualTo(204);
        assertThat(api.delete("leads(" + ids.get(2) + ")").status()).isEqualTo(204);
        TestClient.Response created = api.post("leads", Map.of("subject", "New lead", "lastname", "Delta"));
        String createdId = created.header("OData-EntityId").replaceAll(".*\\((.*)\\)", "$1");

        JsonNode delta = api.get(deltaLink).json();
        assertThat(delta.get("@odata.context").asText()).isEqualTo(api.root() + "$metadata#leads(fullname,subject)/$delta");
        JsonNode value = delta.get("value");
        assertThat(value).hasSize(4);
        Set<String> changed = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            changed.add(value.get(i).get("leadid").asText());
        }
        assertThat(changed).containsExactlyInAnyOrder(ids.get(0), ids.get(1), createdId);
        JsonNode deleted = value.get(3);
        assertThat(deleted.get("@odata.context").asText()).isEqualTo(api.root() + "$metadata#leads/$deletedEntity");
        assertThat(deleted.get("id").asText()).isEqualTo(ids.get(2));
        assertThat(deleted.get("reason").asText()).isEqualTo("deleted");
        String nextDelta = delta.get("@odata.deltaLink").asText();
        assertThat(api.get(nextDelta).json().get("value")).isEmpty();
        String token = deltaLink.substring(deltaLink.indexOf("$deltatoken=") + "$deltatoken=".length());
        assertThat(api.get("leads/$count?$deltatoken=" + token).body()).isEqualTo("4");
    }

    @Test
    void manyChangesArePagedBeforeTheDeletions() {
        JsonNode first = api.get("tasks?$select=subject", "Prefer", "odata.track-changes").json();
        String deltaLink = first.get("@odata.deltaLink").asText();
        List<String> ids = new ArrayList<>();
        first.get("value").forEach(row -> ids.add(row.get("activityid").asText()));
        for (int i = 0; i < 12; i++) {
            assertThat(api.patch("tasks(" + ids.get(i) + ")", Map.of("subject", "Edited " + i)).status()).isEqualTo(204);
        }
        for (int i = 12; i < 17; i++) {
            assertThat(api.delete("tasks(" + ids.get(i) + ")").status()).isEqualTo(204);
        }
        int changes = 0;
        int deletions = 0;
        String next = deltaLink;
        String newDelta = null;
        while (next != null) {
            JsonNode page = api.get(next, "Prefer", "odata.maxpagesize=5").json();
            for (JsonNode row : page.get("value")) {
                if (row.has("reason")) {
                    deletions++;
                } else {
                    assertThat(deletions).as("changes come before deletions").isZero();
                    changes++;
                }
            }
            assertThat(page.get("value").size()).isLessThanOrEqualTo(5);
            next = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            newDelta = page.has("@odata.deltaLink") ? page.get("@odata.deltaLink").asText() : newDelta;
        }
        assertThat(changes).isEqualTo(12);
        assertThat(deletions).isEqualTo(5);
        assertThat(newDelta).isNotNull();
    }

    @Test
    void trackedQueriesRefuseFilterOrderbyExpandAndTop() {
        for (String option : List.of("$filter=statecode%20eq%200", "$orderby=name", "$expand=primarycontactid", "$top=5")) {
            TestClient.Response refused = api.get("accounts?" + option, "Prefer", "odata.track-changes");
            assertThat(refused.status()).isEqualTo(400);
            String name = option.substring(0, option.indexOf('='));
            assertThat(refused.errorMessage()).isEqualTo("The \"" + name + "\" query parameter isn't supported when Change Tracking is enabled.");
        }
        assertThat(api.get("dvm_project_contactset", "Prefer", "odata.track-changes").status()).isEqualTo(400);
    }
}
