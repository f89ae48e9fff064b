package io.dvmigrate.cli.progress;

import static io.dvmigrate.cli.api.RunViews.run;
import static io.dvmigrate.cli.api.RunViews.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.cli.api.FakeOrchestrator;
import io.dvmigrate.cli.api.FakeOrchestrator.Answer;
import io.dvmigrate.cli.api.OrchestratorClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunFollowerTest {
    private static final UUID RUN = UUID.fromString("7d4c2a51-0b6e-4f0a-9a57-3c1f2d9e8b10");

    private final FakeOrchestrator orchestrator = FakeOrchestrator.start();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void plainOutputSaysWhatChangedOneLineAtATime() {
        answerPolls(
                run(RUN, "Running",
                        step("account", "DATA", "Extracting").put("estimatedRows", 10L),
                        step("contact", "DATA", "Waiting"),
                        step("account", "VERIFY", "Waiting"),
                        step("contact", "VERIFY", "Waiting")),
                run(RUN, "Running",
                        loaded(step("account", "DATA", "Loaded"), 10),
                        step("contact", "DATA", "Loading").put("rowsWritten", 400L).put("estimatedRows", 1200L),
                        step("account", "VERIFY", "Waiting"),
                        step("contact", "VERIFY", "Waiting")),
                run(RUN, "Succeeded",
                        loaded(step("account", "DATA", "Loaded"), 10),
                        loaded(step("contact", "DATA", "Loaded"), 1200),
                        step("account", "VERIFY", "Loaded").put("rowsMatched", 10L),
                        step("contact", "VERIFY", "Loaded").put("rowsMatched", 1199L).put("rowsDiffering", 1L)));

        JsonNode last = follower(false).follow(RUN);

        assertThat(last.path("status").asText()).isEqualTo("Succeeded");
        List<String> lines = output().lines().toList();
        assertThat(lines).allMatch(line -> line.matches("\\[\\d+:\\d\\d] .+"), "each line starts with the time");
        assertThat(lines).map(line -> line.substring(line.indexOf("] ") + 2)).containsExactly(
                "run Running",
                "account DATA extracting",
                "account DATA loaded: 10 written, 0 failed",
                "contact DATA loading",
                "run Succeeded",
                "contact DATA loaded: 1,200 written, 0 failed",
                "account VERIFY loaded: 10 matched, 0 missing, 0 differing",
                "contact VERIFY loaded: 1,199 matched, 0 missing, 1 differing");
    }

    @Test
    void aFailedStepSaysWhy() {
        answerPolls(
                run(RUN, "Running", step("account", "DATA", "Loading")),
                run(RUN, "Failed", step("account", "DATA", "Failed")
                        .put("error", "the target refused column 'revenue': it does not exist"))
                        .put("error", "account failed in pass DATA"));

        JsonNode last = follower(false).follow(RUN);

        assertThat(output().lines().map(line -> line.substring(line.indexOf("] ") + 2))).containsExactly(
                "run Running",
                "account DATA loading",
                "run Failed",
                "account DATA failed: the target refused column 'revenue': it does not exist");
        assertThat(RunFollower.printSummary(last, out)).isFalse();
        assertThat(output()).endsWith("run Failed: account failed in pass DATA\n"
                + "not verified: 1 tables, 0 rows, 0 mismatches\n");
    }

    @Test
    void onATerminalEachTableHasALiveBarRedrawnInPlace() {
        answerPolls(
                run(RUN, "Running",
                        step("account", "DATA", "Loading").put("estimatedRows", 100L).put("rowsWritten", 40L)
                                .put("rowsFailed", 10L).put("seconds", 10.0),
                        loaded(step("contact", "DATA", "Loaded"), 30),
                        step("contact", "DEFERRED_LOOKUPS", "Waiting"),
                        step("opportunity", "DATA", "Waiting")),
                run(RUN, "Succeeded",
                        loaded(step("account", "DATA", "Loaded"), 100),
                        loaded(step("contact", "DATA", "Loaded"), 30),
                        loaded(step("contact", "DEFERRED_LOOKUPS", "Loaded"), 30),
                        loaded(step("opportunity", "DATA", "Loaded"), 7)));

        follower(true).follow(RUN);

        String[] frames = output().split("\033\\[4F");
        assertThat(frames).hasSize(2);
        assertThat(lines(frames[0])).containsExactly(
                "run 7d4c2a51  Running  m:ss",
                "  account                     [" + "█".repeat(12) + "░".repeat(12) + "]"
                        + "        50/100             5 rows/s  ETA  0:10  data",
                "  contact                     waiting for deferred lookups",
                "  opportunity                 waiting for its parents");
        assertThat(lines(frames[1])).containsExactly(
                "run 7d4c2a51  Succeeded  m:ss",
                "  account                     done 100 rows",
                "  contact                     done 30 rows",
                "  opportunity                 done 7 rows");
    }

    @Test
    void aVerifiedRunEndsWithTheVerifiedLineAfterASummaryPerTable() {
        JsonNode run = run(RUN, "Succeeded",
                loaded(step("account", "DATA", "Loaded"), 1200).put("seconds", 3.25),
                step("account", "DELETES", "Loaded").put("rowsDeleted", 3L).put("seconds", 0.5),
                step("account", "VERIFY", "Loaded").put("rowsMatched", 1200L).put("seconds", 9.0),
                loaded(step("contact", "DATA", "Loaded"), 300),
                loaded(step("contact", "DEFERRED_LOOKUPS", "Loaded"), 300),
                step("contact", "VERIFY", "Loaded").put("rowsMatched", 300L),
                loaded(step("accountleads_association", "MANY_TO_MANY", "Loaded"), 40));

        assertThat(RunFollower.printSummary(run, out)).isTrue();

        List<String> lines = output().lines().toList();
        assertThat(lines.stream().filter(line -> !line.isEmpty()).map(String::length).distinct().count())
                .as("the summary's columns line up").isEqualTo(2);
        assertThat(lines).map(line -> line.trim().replaceAll(" +", " ")).containsExactly(
                "",
                "table rows failed deleted duration",
                "account 1,200 0 3 3.8s",
                "contact 300 0 0 2.0s",
                "accountleads_association 40 0 0 1.0s",
                "",
                "verified: 2 tables, 1500 rows, 0 mismatches");
    }

    @Test
    void rowsLeftInTheDeadLetterTopicMeanNotVerifiedAndSayHowToReplay() {
        JsonNode run = run(RUN, "SucceededWithErrors",
                loaded(step("account", "DATA", "Loaded"), 98).put("rowsFailed", 2L),
                step("account", "VERIFY", "Loaded").put("rowsMatched", 98L).put("rowsMissing", 2L));

        assertThat(RunFollower.printSummary(run, out)).isFalse();

        assertThat(output().lines().map(line -> line.trim().replaceAll(" +", " "))).contains("account 98 2 0 1.0s");
        assertThat(output()).endsWith("\nrun SucceededWithErrors\nnot verified: 1 tables, 100 rows, 2 mismatches"
                + " (rows in the dead-letter topic: fix their cause, then `dvmigrate replay " + RUN + "`)\n");
    }

    @Test
    void aSucceededRunWithDifferingRowsIsNotVerified() {
        JsonNode run = run(RUN, "Succeeded", loaded(step("account", "DATA", "Loaded"), 10),
                step("account", "VERIFY", "Loaded").put("rowsMatched", 9L).put("rowsDiffering", 1L));

        assertThat(RunFollower.printSummary(run, out)).isFalse();
        assertThat(output()).endsWith("\nrun Succeeded\nnot verified: 1 tables, 10 rows, 1 mismatches\n");
    }

    /** A step that finished with {@code rows} written (read, estimated and written alike), in a second. */
    private static ObjectNode loaded(ObjectNode step, long rows) {
        return step.put("estimatedRows", rows).put("rowsExtracted", rows).put("rowsWritten", rows)
                .put("finishedAt", "2025-11-03T09:16:30.5Z").put("seconds", 1.0);
    }

    private void answerPolls(ObjectNode... views) {
        orchestrator.answer("GET", "/api/runs/" + RUN, Arrays.stream(views).map(view -> Answer.json(200, view))
                .toArray(Answer[]::new));
    }

    private RunFollower follower(boolean live) {
        return new RunFollower(new OrchestratorClient(orchestrator.url()), out, live);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A frame's lines without the escape that clears each before it is drawn, and with the run's clock as m:ss. */
    private static List<String> lines(String frame) {
        return frame.lines().map(line -> line.replace("\033[2K", "").replaceFirst("^(run .*  )\\d+:\\d\\d$", "$1m:ss"))
                .toList();
    }
}
