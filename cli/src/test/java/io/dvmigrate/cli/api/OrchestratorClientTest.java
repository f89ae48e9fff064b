package io.dvmigrate.cli.api;

import static io.dvmigrate.cli.api.RunViews.run;
import static io.dvmigrate.cli.api.RunViews.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.api.FakeOrchestrator.Answer;
import io.dvmigrate.cli.api.FakeOrchestrator.Request;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrchestratorClientTest {
    private static final UUID RUN = UUID.fromString("7d4c2a51-0b6e-4f0a-9a57-3c1f2d9e8b10");
    private static final String PLAN = "source: {emulated: demo}\ntarget: {emulated: demo-schema}\ntables: [account]\n";

    private final FakeOrchestrator orchestrator = FakeOrchestrator.start();
    private final OrchestratorClient client = new OrchestratorClient(orchestrator.url());

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void previewsAPlanAsTextOrAsJson() {
        orchestrator.answer("POST", "/api/plans/preview?format=text",
                        Answer.text(200, "Plan 'demo'\n\nThe plan is ready to run.\n"))
                .answer("POST", "/api/plans/preview", Answer.json(200, "{\"name\":\"demo\",\"ready\":true}"));

        assertThat(client.preview(PLAN, false)).isEqualTo("Plan 'demo'\n\nThe plan is ready to run.\n");
        assertThat(client.preview(PLAN, true)).isEqualTo("{\"name\":\"demo\",\"ready\":true}");
        assertThat(orchestrator.requests()).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.contentType()).isEqualTo("application/yaml");
            assertThat(request.body()).isEqualTo(PLAN);
        });
    }

    @Test
    void savesAMigrationUnderItsEncodedNameWithOwnerAndPlan() {
        orchestrator.answer("PUT", "/api/migrations/nightly%20sync%2Femea",
                Answer.json(200, "{\"name\":\"nightly sync/emea\"}"));

        JsonNode saved = client.putMigration("nightly sync/emea", "ana", PLAN);

        assertThat(saved.path("name").asText()).isEqualTo("nightly sync/emea");

        Request put = orchestrator.requests().getFirst();
        assertThat(put.contentType()).isEqualTo("application/json");
        assertThat(put.json().path("owner").asText()).isEqualTo("ana");
        assertThat(put.json().path("plan").asText()).isEqualTo(PLAN);
    }

    @Test
    void startsARunAndReadsItsId() {
        orchestrator.answer("POST", "/api/migrations/demo/runs", Answer.json(202, run(RUN, "Pending")));

        assertThat(client.startRun("demo")).isEqualTo(RUN);
        assertThat(orchestrator.requests().getFirst().body()).isEmpty();
    }

    @Test
    void readsRunsLogsAndActsOnRuns() {
        orchestrator.answer("GET", "/api/runs/" + RUN, Answer.json(200, run(RUN, "Running",
                        step("account", "DATA", "Loading").put("rowsWritten", 250L))))
                .answer("GET", "/api/runs", Answer.json(200, RunViews.list(run(RUN, "Succeeded"))))
                .answer("GET", "/api/runs?migration=nightly%20sync", Answer.json(200, RunViews.list()))
                .answer("GET", "/api/runs/" + RUN + "/log?format=csv",
                        Answer.text(200, "table,pass,status\naccount,DATA,Loaded\n"))
                .answer("POST", "/api/runs/" + RUN + "/cancel", Answer.json(200, run(RUN, "Running")))
                .answer("POST", "/api/runs/" + RUN + "/replay", Answer.json(202, run(RUN, "Running")));

        assertThat(client.run(RUN).path("steps").get(0).path("rowsWritten").asLong()).isEqualTo(250);
        assertThat(client.runs(null)).singleElement()
                .satisfies(run -> assertThat(run.path("id").asText()).isEqualTo(RUN.toString()));
        assertThat(client.runs("nightly sync")).isEmpty();
        assertThat(client.log(RUN, "csv")).isEqualTo("table,pass,status\naccount,DATA,Loaded\n");
        assertThat(client.cancel(RUN).path("status").asText()).isEqualTo("Running");
        assertThat(client.replay(RUN).path("id").asText()).isEqualTo(RUN.toString());
        assertThat(orchestrator.requests()).extracting(Request::method, Request::uri).containsExactly(
                tuple("GET", "/api/runs/" + RUN),
                tuple("GET", "/api/runs"),
                tuple("GET", "/api/runs?migration=nightly%20sync"),
                tuple("GET", "/api/runs/" + RUN + "/log?format=csv"),
                tuple("POST", "/api/runs/" + RUN + "/cancel"),
                tuple("POST", "/api/runs/" + RUN + "/replay"));
    }

    @Test
    void aRefusedPlanCarriesEveryMistakeWithItsPath() {
        orchestrator.answer("PUT", "/api/migrations/demo", Answer.error(400, "2 mistakes in the plan",
                "tables[0].mode", "must be one of existing, create, skip, not 'sometimes'",
                "target", "required: the target environment"));

        assertThatThrownBy(() -> client.putMigration("demo", "ana", PLAN))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.isBadInput()).isTrue();
                    assertThat(e.errors()).extracting(error -> error.path("path").asText())
                            .containsExactly("tables[0].mode", "target");
                })
                .hasMessage("2 mistakes in the plan");
    }

    @Test
    void anUnknownRunIsBadInputAndAFailingOrchestratorIsNot() {
        UUID unknown = UUID.randomUUID();
        orchestrator.answer("GET", "/api/runs/" + unknown, Answer.error(404, "no run " + unknown))
                .answer("GET", "/api/runs/" + RUN, Answer.error(500,
                        "the orchestrator failed: java.lang.IllegalStateException: the database is gone"));

        assertThatThrownBy(() -> client.run(unknown))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isBadInput()).isTrue())
                .hasMessage("no run " + unknown);
        assertThatThrownBy(() -> client.run(RUN))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.isBadInput()).isFalse();
                })
                .hasMessage("the orchestrator failed: java.lang.IllegalStateException: the database is gone");
    }

    @Test
    void anErrorThatIsNotTheOrchestratorsStillSaysWhatHappened() {
        orchestrator.answer("GET", "/api/runs", Answer.text(502, "Bad Gateway: upstream refused"))
                .answer("GET", "/api/runs/" + RUN, new Answer(503, "text/plain", ""));

        assertThatThrownBy(() -> client.runs(null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(502))
                .hasMessage("Bad Gateway: upstream refused");
        assertThatThrownBy(() -> client.run(RUN))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessage("the orchestrator answered HTTP 503 without a message");
    }

    @Test
    void anAnswerThatIsNotJsonIsNamedAsSuch() {
        orchestrator.answer("GET", "/api/runs/" + RUN, Answer.text(200, "<html>a login page</html>"));

        assertThatThrownBy(() -> client.run(RUN))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("the orchestrator answered something that is not JSON: ");
    }

    @Test
    void noOrchestratorListeningSaysHowToStartOne() {
        String nowhere = FakeOrchestrator.urlOfNone();
        OrchestratorClient nobody = new OrchestratorClient(nowhere);

        assertThatThrownBy(() -> nobody.runs(null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.isBadInput()).isFalse();
                })
                .hasMessage("no orchestrator answers at " + nowhere + " (start one with `dvmigrate up`, or pass"
                        + " --server URL)");
    }

    @Test
    void anOrchestratorBehindAPathIsAskedUnderIt() {
        orchestrator.answer("GET", "/dvm/api/runs", Answer.json(200, RunViews.list()));

        OrchestratorClient behindAPath = new OrchestratorClient(orchestrator.url() + "dvm");

        assertThat(behindAPath.url()).isEqualTo(orchestrator.url() + "dvm/");
        assertThat(behindAPath.runs(null)).isEmpty();
    }
}
