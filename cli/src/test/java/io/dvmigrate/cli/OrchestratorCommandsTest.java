package io.dvmigrate.cli;

import static io.dvmigrate.cli.api.RunViews.run;
import static io.dvmigrate.cli.api.RunViews.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.cli.api.FakeOrchestrator;
import io.dvmigrate.cli.api.FakeOrchestrator.Answer;
import io.dvmigrate.cli.api.FakeOrchestrator.Request;
import io.dvmigrate.cli.api.RunViews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that talk to an orchestrator (--server), against a real HTTP server answering like one. */
class OrchestratorCommandsTest {
    private static final UUID RUN = UUID.fromString("7d4c2a51-0b6e-4f0a-9a57-3c1f2d9e8b10");
    private static final String PLAN = """
            name: contoso-to-fabrikam
            source:
              url: https://contoso.crm4.dynamics.com
              tenant: contoso.onmicrosoft.com
              clientId: 3f0c1c1e-7d2a-4c55-9e2a-2f1b8d6e4a10
              secret: env:CONTOSO_DV_SECRET
            target:
              url: https://fabrikam.crm.dynamics.com
              tenant: fabrikam.onmicrosoft.com
              clientId: 5b7d2e4a-9c1f-4e3b-8a6d-0f2c4e6a8b11
              secret: env:FABRIKAM_DV_SECRET
            tables: [account]
            """;

    private final FakeOrchestrator orchestrator = FakeOrchestrator.start();

    @TempDir
    Path home;
    Path plan;

    @BeforeEach
    void writePlan() throws Exception {
        plan = Files.writeString(home.resolve("plan.yaml"), PLAN);
    }

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void planShowsThePreviewAndExitsZeroWhenItIsReady() {
        orchestrator.answer("POST", "/api/plans/preview?format=text",
                Answer.text(200, "Plan 'contoso-to-fabrikam'\n\nThe plan is ready to run.\n"));

        Execution plan = dvmigrate("plan", this.plan.toString());

        assertThat(plan).isEqualTo(new Execution(0, "Plan 'contoso-to-fabrikam'\n\nThe plan is ready to run.\n\n", ""));
        assertThat(orchestrator.requests()).singleElement().extracting(Request::body)
                .as("the plan goes as written: its secrets stay references").isEqualTo(PLAN);
    }

    @Test
    void aPlanTheEnvironmentsRefuseExitsTwo() {
        String preview = "{\"name\":\"contoso-to-fabrikam\",\"ready\":false,\"tables\":[],\"errors\":[{\"severity\":"
                + "\"ERROR\",\"path\":\"tables[0].columns.rename.foo\",\"message\":\"column 'foo' does not exist in"
                + " source table 'account'\"}],\"warnings\":[]}";
        orchestrator.answer("POST", "/api/plans/preview", Answer.json(200, preview));

        assertThat(dvmigrate("plan", plan.toString(), "--format", "json"))
                .isEqualTo(new Execution(2, preview + "\n", ""));
    }

    @Test
    void mistakesTheOrchestratorFindsAreListedWithTheirPlaces() {
        orchestrator.answer("PUT", "/api/migrations/contoso-to-fabrikam", Answer.error(400, "2 mistakes in the plan",
                "tables[0].mode", "must be one of existing, create, skip, not 'sometimes'",
                "", "the plan is empty"));

        assertThat(dvmigrate("run", plan.toString())).isEqualTo(new Execution(2, "", """
                2 mistakes in the plan:
                  tables[0].mode: must be one of existing, create, skip, not 'sometimes'
                  the plan is empty
                """));
    }

    @Test
    void runSavesTheMigrationStartsARunAndSaysHowToFollowIt() {
        savesAndStarts();

        Execution run = dvmigrate("run", plan.toString(), "--owner", "ana");

        assertThat(run).isEqualTo(new Execution(0, "run " + RUN + " of migration contoso-to-fabrikam started\n"
                + "follow it with `dvmigrate status " + RUN + "`\n", ""));
        List<Request> requests = orchestrator.requests();
        assertThat(requests).extracting(Request::method).containsExactly("PUT", "POST");
        assertThat(requests.getFirst().json().path("owner").asText()).isEqualTo("ana");
        assertThat(requests.getFirst().json().path("plan").asText()).isEqualTo(PLAN);
    }

    @Test
    void runFollowedToAVerifiedEndExitsZero() {
        startsAndEnds(run(RUN, "Succeeded", loaded("account", 10), verified("account", 10, 0)));

        Execution run = dvmigrate("run", plan.toString(), "--follow");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("\nverified: 1 tables, 10 rows, 0 mismatches\n");
    }

    @Test
    void runFollowedToAFailureOrAMismatchExitsOne() {
        startsAndEnds(run(RUN, "Failed", step("account", "DATA", "Failed").put("error", "HTTP 403 from the target"))
                .put("error", "account failed in pass DATA"));
        Execution failed = dvmigrate("run", plan.toString(), "--follow");
        startsAndEnds(run(RUN, "Succeeded", loaded("account", 10), verified("account", 9, 1)));
        Execution mismatched = dvmigrate("run", plan.toString(), "--follow");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).contains("account DATA failed: HTTP 403 from the target\n")
                .endsWith("\nrun Failed: account failed in pass DATA\nnot verified: 1 tables, 0 rows, 0 mismatches\n");
        assertThat(mismatched.exitCode()).isEqualTo(1);
        assertThat(mismatched.out()).endsWith("\nrun Succeeded\nnot verified: 1 tables, 10 rows, 1 mismatches\n");
    }

    @Test
    void statusShowsTheNewestRunPerTableAndPass() {
        ObjectNode running = run(RUN, "Running", loaded("account", 1200),
                step("contact", "DATA", "Loading").put("rowsExtracted", 500L).put("rowsWritten", 250L));
        orchestrator.answer("GET", "/api/runs", Answer.json(200, RunViews.list(running)))
                .answer("GET", "/api/runs/" + RUN, Answer.json(200, running));

        Execution status = dvmigrate("status");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out().lines().map(line -> line.trim().replaceAll(" +", " "))).containsExactly(
                "run " + RUN + " of demo: Running",
                "next: follow the run; it can be cancelled",
                "account DATA Loaded 1,200 read 1,200 written 0 failed 0 deleted",
                "contact DATA Loading 500 read 250 written 0 failed 0 deleted");
    }

    @Test
    void statusOfAFinishedRunEndsWithItsVerdict() {
        orchestrator.answer("GET", "/api/runs/" + RUN, Answer.json(200, run(RUN, "Failed",
                step("account", "DATA", "Failed")).put("error", "the target is unreachable")));

        Execution status = dvmigrate("status", RUN.toString());

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).startsWith("run " + RUN + " of demo: Failed — the target is unreachable\n")
                .endsWith("\nrun Failed: the target is unreachable\nnot verified: 1 tables, 0 rows, 0 mismatches\n");
    }

    @Test
    void verifyListsTheMismatchingRowsAndExitsOne() {
        String log = """
                {"run":{"id":"%s","status":"Succeeded"},"steps":[],"failures":[],"mismatches":[
                {"table":"account","kind":"DIFFERENT","row":"a1b2",
                "columns":"[{\\"actual\\": \\"contoso\\", \\"column\\": \\"name\\", \\"expected\\": \\"Contoso\\"}]"},
                {"table":"account","kind":"MISSING","row":"c3d4","columns":"[]"}],"events":[]}""".formatted(RUN);
        orchestrator.answer("GET", "/api/runs/" + RUN + "/log?format=json", Answer.json(200, log))
                .answer("GET", "/api/runs/" + RUN, Answer.json(200, run(RUN, "Succeeded", loaded("account", 10),
                        verified("account", 8, 1).put("rowsMissing", 1L))));

        Execution verify = dvmigrate("verify", RUN.toString());

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out().lines().limit(2).map(line -> line.trim().replaceAll(" +", " "))).containsExactly(
                "account DIFFERENT a1b2 [{\"actual\": \"contoso\", \"column\": \"name\","
                        + " \"expected\": \"Contoso\"}]",
                "account MISSING c3d4");
        assertThat(verify.out()).endsWith("\nnot verified: 1 tables, 10 rows, 2 mismatches\n");
    }

    @Test
    void runsLogAndReplayPrintWhatTheOrchestratorAnswers() {
        orchestrator.answer("GET", "/api/runs?migration=contoso-to-fabrikam", Answer.json(200, RunViews.list(
                        run(RUN, "Succeeded", loaded("account", 1200), verified("account", 1200, 0)))))
                .answer("GET", "/api/runs/" + RUN + "/log?format=csv", Answer.text(200, "table,pass\naccount,DATA\n"))
                .answer("POST", "/api/runs/" + RUN + "/replay", Answer.json(202, run(RUN, "Running")))
                .answer("GET", "/api/runs/" + RUN, Answer.json(200, run(RUN, "Succeeded", loaded("account", 10),
                        verified("account", 10, 0))));

        Execution runs = dvmigrate("runs", "--migration", "contoso-to-fabrikam");
        Execution log = dvmigrate("log", RUN.toString(), "--format", "csv");
        Execution replay = dvmigrate("replay", RUN.toString());

        assertThat(runs.exitCode()).isZero();
        assertThat(runs.out().lines().map(line -> line.trim().replaceAll(" +", " "))).containsExactly(
                "run migration status started written failed",
                RUN + " demo Succeeded 2025-11-03T09:15:30.123456Z 1,200 0");
        assertThat(log).isEqualTo(new Execution(0, "table,pass\naccount,DATA\n\n", ""));
        assertThat(replay.exitCode()).isZero();
        assertThat(replay.out()).startsWith("replaying the dead-lettered rows of run " + RUN + "\n")
                .endsWith("\nverified: 1 tables, 10 rows, 0 mismatches\n");
    }

    @Test
    void anUnknownRunIsBadInput() {
        orchestrator.answer("GET", "/api/runs/" + RUN, Answer.error(404, "no run " + RUN));

        assertThat(dvmigrate("status", RUN.toString())).isEqualTo(new Execution(2, "", "no run " + RUN + "\n"));
    }

    @Test
    void anOrchestratorThatFailsOrIsNotThereExitsOne() {
        orchestrator.answer("GET", "/api/runs",
                Answer.error(500, "the orchestrator failed: java.lang.IllegalStateException: boom"));
        String nowhere = FakeOrchestrator.urlOfNone();

        Execution failing = dvmigrate("runs");
        Execution missing = Execution.of(home, "runs", "--server", nowhere);

        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.err()).isEqualTo("the orchestrator failed: java.lang.IllegalStateException: boom\n");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("no orchestrator answers at " + nowhere + " (start one with `dvmigrate up`,"
                + " or pass --server URL)\n");
    }

    /** The orchestrator accepts the plan, starts {@link #RUN} and shows it as {@code end} from the first poll on. */
    private void startsAndEnds(ObjectNode end) {
        savesAndStarts();
        orchestrator.answer("GET", "/api/runs/" + RUN, Answer.json(200, end));
    }

    /** The orchestrator saves the plan as migration contoso-to-fabrikam and starts {@link #RUN} of it. */
    private void savesAndStarts() {
        orchestrator.answer("PUT", "/api/migrations/contoso-to-fabrikam",
                        Answer.json(200, "{\"name\":\"contoso-to-fabrikam\",\"owner\":\"ana\",\"status\":\"Ready\"}"))
                .answer("POST", "/api/migrations/contoso-to-fabrikam/runs", Answer.json(202, run(RUN, "Pending")));
    }

    private static ObjectNode loaded(String table, long rows) {
        return step(table, "DATA", "Loaded").put("estimatedRows", rows).put("rowsExtracted", rows)
                .put("rowsWritten", rows);
    }

    private static ObjectNode verified(String table, long matched, long differing) {
        return step(table, "VERIFY", "Loaded").put("rowsMatched", matched).put("rowsDiffering", differing);
    }

    /** Runs a command against the fake orchestrator. */
    private Execution dvmigrate(String... args) {
        String[] withServer = Arrays.copyOf(args, args.length + 2);
        withServer[args.length] = "--server";
        withServer[args.length + 1] = orchestrator.url();
        return Execution.of(home, withServer);
    }
}
