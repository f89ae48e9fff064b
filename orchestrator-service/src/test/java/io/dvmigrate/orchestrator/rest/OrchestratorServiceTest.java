package io.dvmigrate.orchestrator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.dvmigrate.testing.KafkaTestResource;
import io.dvmigrate.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orchestrator as a running service: health (Kafka and the database), metrics, OpenAPI, the REST resources. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class OrchestratorServiceTest {

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Kafka connection health check"))
                .body(containsString("Database connections health check"))
                .body(containsString("run-events"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/migrations/{name}/plan"))
                .body(containsString("/api/environments/{name}/test"))
                .body(containsString("/api/runs/{id}/log"));
    }

    @Test
    void environmentsKeepSecretsAsReferencesOnly() {
        Map<String, Object> environment = Map.of("name", "prod-emea", "url", "https://contoso.crm4.dynamics.com",
                "tenant", "contoso.onmicrosoft.com", "clientId", "3f0c1c1e-7d2a-4c55-9e2a-2f1b8d6e4a10",
                "secret", "env:CONTOSO_SECRET");
        given().contentType(ContentType.JSON).body(environment).when().post("/api/environments")
                .then().statusCode(201).body("secret", equalTo("env:CONTOSO_SECRET"));
        given().when().get("/api/environments").then().statusCode(200).body("name", hasItem("prod-emea"));

        Map<String, Object> literal = Map.of("name", "leaky", "url", "https://x.crm.dynamics.com", "tenant", "t",
                "clientId", "c", "secret", "hunter2-the-real-secret");
        given().contentType(ContentType.JSON).body(literal).when().post("/api/environments")
                .then().statusCode(400)
                .body("error", equalTo("secret: must be a secret reference (env:VARIABLE or file:PATH), never the secret itself"))
                .body(not(containsString("hunter2")));
    }

    @Test
    void aMalformedPlanIsRefusedWithEveryMistakeAndItsPath() {
        String plan = "source: {emulated: demo}\ntables: [{table: account, mode: sometimes}]\n";
        given().contentType(ContentType.JSON).body(Map.of("owner", "ana", "plan", plan))
                .when().post("/api/migrations")
                .then().statusCode(400)
                .body("errors.path", hasItem("target"))
                .body("errors.path", hasItem("tables[0].mode"))
                .body("errors.message", hasItem("must be one of existing, create, skip, not 'sometimes'"));
    }

    @Test
    void aMigrationWithAnEmulatedEnvironmentSaysHowToRunIt() {
        String plan = "name: rehearsal\nsource: {emulated: demo}\ntarget: {emulated: demo-schema}\ntables: [account]\n";
        given().contentType(ContentType.JSON).body(Map.of("owner", "ana", "plan", plan))
                .when().post("/api/migrations")
                .then().statusCode(201).body("status", equalTo("Ready")).body("owner", equalTo("ana"));
        given().when().post("/api/migrations/rehearsal/plan").then().statusCode(200)
                .body("ready", equalTo(false))
                .body("errors[0].path", equalTo("source"))
                .body("errors[0].message", containsString("dvmigrate run"));
    }
}
