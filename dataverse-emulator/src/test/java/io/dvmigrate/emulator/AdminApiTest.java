package io.dvmigrate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API under /_emulator/, over HTTP. */
class AdminApiTest {
    private static DataverseEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = DataverseEmulator.builder().environment("source", "demo:480").environment("target", "demo-schema").start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static TestClient.Response admin(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "_emulator/" + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return TestClient.send(request.build());
    }

    @Test
    void theSummaryListsEnvironmentsWithRowCounts() {
        JsonNode summary = admin("GET", "", null).json();
        assertThat(summary.get("authority").asText()).isEqualTo(emulator.authority());
        assertThat(summary.get("certificate").asText()).isEqualTo(emulator.certificateFile().toString());
        JsonNode source = summary.get("environments").get(0);
        assertThat(source.get("name").asText()).isEqualTo("source");
        assertThat(source.get("url").asText()).isEqualTo(emulator.environmentUrl("source"));
        assertThat(source.get("rowCounts").get("account").asLong()).isEqualTo(50);
        assertThat(summary.get("applications").get(0).get("clientId").asText()).isEqualTo("dvm-local");
        assertThat(summary.toString()).doesNotContain("dvm-local-secret");
        assertThat(admin("GET", "environments/nowhere", null).status()).isEqualTo(404);
    }

    @Test
    void environmentsCanBeAddedResetAndRemoved() {
        assertThat(admin("POST", "environments", "{\"name\":\"scratch\",\"spec\":\"demo-schema\"}").status()).isEqualTo(201);
        TestClient api = TestClient.of(emulator, "scratch");
        assertThat(api.post("accounts", Map.of("name", "Temporary")).status()).isEqualTo(204);
        assertThat(admin("GET", "environments/scratch", null).json().get("rowCounts").get("account").asLong()).isEqualTo(1);
        assertThat(admin("POST", "environments/scratch/reset", null).json().get("rowCounts").get("account").asLong()).isZero();
        assertThat(TestClient.of(emulator, "scratch").get("accounts").json().get("value")).isEmpty();
        assertThat(admin("DELETE", "environments/scratch", null).status()).isEqualTo(204);
        assertThat(admin("POST", "environments", "{\"name\":\"bad\",\"spec\":\"nonsense\"}").status()).isEqualTo(400);
    }

    @Test
    void limitsFaultsAndStatsAtRunTime() {
        JsonNode limits = admin("PUT", "limits", "{\"spec\":\"dataverse,requests=2,compress=300,pace=false\"}").json();
        assertThat(limits.get("requests").asInt()).isEqualTo(2);
        TestClient api = TestClient.of(emulator, "target");
        api.get("WhoAmI");
        api.get("WhoAmI");
        assertThat(api.get("WhoAmI").status()).isEqualTo(429);
        JsonNode stats = admin("GET", "stats/target", null).json().get(0);
        assertThat(stats.get("clientId").asText()).isEqualTo("dvm-local");
        assertThat(stats.get("throttledByRequests").asLong()).isEqualTo(1);
        assertThat(admin("PUT", "limits", "off").json().get("enabled").asBoolean()).isFalse();
        assertThat(admin("PUT", "faults", "{\"failRate\":1}").json().get("failRate").asDouble()).isEqualTo(1.0);
        assertThat(api.get("WhoAmI").status()).isEqualTo(503);
        admin("PUT", "faults", "{\"failRate\":0}");
        assertThat(admin("DELETE", "stats", null).status()).isEqualTo(204);
        assertThat(admin("GET", "stats", null).json().get(0).get("requests").asLong()).isZero();
        assertThat(admin("PUT", "limits", "{\"spec\":\"dataverse,warp=9\"}").status()).isEqualTo(400);
    }

    @Test
    void applicationsKeysTokensAndColumns() {
        assertThat(admin("POST", "applications", "{\"clientId\":\"late-app\",\"secret\":\"late-secret\"}").status()).isEqualTo(201);
        TestClient late = TestClient.of(emulator, "source", "late-app", "late-secret");
        assertThat(late.get("WhoAmI").status()).isEqualTo(200);
        assertThat(admin("POST", "signing-key/rotate", null).status()).isEqualTo(204);
        assertThat(late.get("WhoAmI").status()).isEqualTo(401);
        assertThat(admin("PUT", "tokens", "{\"lifetimeSeconds\":120}").json().get("lifetimeSeconds").asLong()).isEqualTo(120);
        TestClient api = TestClient.of(emulator, "source");
        assertThat(api.post("tasks", Map.of("subject", "z".repeat(260))).status()).isEqualTo(400);
        JsonNode widened = admin("PUT", "environments/source/tables/task/columns/subject", "{\"maxLength\":400}").json();
        assertThat(widened.get("maxLength").asInt()).isEqualTo(400);
        assertThat(api.post("tasks", Map.of("subject", "z".repeat(260))).status()).isEqualTo(204);
        assertThat(admin("PUT", "environments/source/tables/account", "{\"bulkOperations\":false}").json()
                .get("bulkOperations").asBoolean()).isFalse();
        admin("PUT", "environments/source/tables/account", "{\"bulkOperations\":true}");
        admin("PUT", "tokens", "{\"lifetimeSeconds\":3599}");
    }
}
