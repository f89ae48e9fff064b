package io.dvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Usage and the exit codes scripts rely on: 0 success, 2 bad usage or bad input; nothing here starts a stack. */
class DvmigrateTest {
    private static final String MISTAKES = """
            source: {emulated: demo}
            target: {emulated: demo-schema}
            tables:
              - table: account
                mode: sometimes
              - table: contact
                colums: auto
            """;

    @TempDir
    Path home;

    static Stream<String> commands() {
        return Dvmigrate.commandLine().getSubcommands().entrySet().stream()
                .filter(command -> !command.getValue().getCommandSpec().usageMessage().hidden())
                .map(command -> command.getKey())
                .filter(name -> !name.equals("help"));
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void everyCommandHasHelp(String command) {
        Execution help = run(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: ");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void theTopLevelHelpListsTheCommandsAndTheExitCodes() {
        Execution help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: dvmigrate [-hV] [COMMAND]", "demo", "plan", "run", "verify", "replay",
                        "Exit codes:", "2   bad usage or bad input")
                .doesNotContain("stack-daemon");
        assertThat(run("help", "plan").out()).contains("Usage: dvmigrate plan [-hV] [--format=<format>]");
        assertThat(run("--version").out()).isEqualTo("dvmigrate 0.1.0\n");
    }

    @Test
    void badUsageExitsTwoAndSaysWhat() {
        assertThat(run()).satisfies(none -> {
            assertThat(none.exitCode()).isEqualTo(2);
            assertThat(none.err()).startsWith("Missing required subcommand");
        });
        assertThat(run("migrate")).satisfies(unknown -> {
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).contains("Unmatched argument at index 0: 'migrate'");
        });
        assertThat(run("plan", "--colour", "plan.yaml")).satisfies(option -> {
            assertThat(option.exitCode()).isEqualTo(2);
            assertThat(option.err()).startsWith("Unknown option: '--colour'").contains("Usage: dvmigrate plan");
        });
        assertThat(run("plan")).satisfies(missing -> {
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).startsWith("Missing required parameter: 'FILE'");
        });
        assertThat(run("log")).satisfies(missing -> {
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).startsWith("Missing required parameter: 'RUN'");
        });
        assertThat(run("status", "last-tuesday")).satisfies(notARun -> {
            assertThat(notARun.exitCode()).isEqualTo(2);
            assertThat(notARun.err()).contains("RUN", "'last-tuesday'");
        });
        assertThat(run("demo", "--rows", "many").exitCode()).isEqualTo(2);
    }

    @Test
    void aPlanWithMistakesExitsTwoNamingEveryField() throws Exception {
        Path plan = Files.writeString(home.resolve("plan.yaml"), MISTAKES);

        for (String command : new String[] {"plan", "run"}) {
            Execution execution = run(command, plan.toString());

            assertThat(execution.exitCode()).isEqualTo(2);
            assertThat(execution.out()).isEmpty();
            assertThat(execution.err()).isEqualTo("""
                    2 mistakes in the plan:
                      tables[0].mode: must be one of existing, create, skip, not 'sometimes'
                      tables[1].colums: unknown field (did you mean 'columns'?)
                    """);
        }
    }

    @Test
    void badInputFoundBeforeAnythingStartsExitsTwo() throws Exception {
        Path emulated = Files.writeString(home.resolve("emulated.yaml"),
                "source: {emulated: demo}\ntarget: {emulated: demo-schema}\ntables: [account]\n");

        assertThat(run("plan", home.resolve("missing.yaml").toString()))
                .isEqualTo(new Execution(2, "", "no plan file at " + home.resolve("missing.yaml") + "\n"));
        assertThat(run("plan", "--format", "xml", emulated.toString()))
                .isEqualTo(new Execution(2, "", "--format is text or json, not 'xml'\n"));
        assertThat(run("log", "7d4c2a51-0b6e-4f0a-9a57-3c1f2d9e8b10", "--format", "pdf"))
                .isEqualTo(new Execution(2, "", "--format is json or csv, not 'pdf'\n"));
        assertThat(run("demo", "--rows", "0")).isEqualTo(new Execution(2, "", "--rows must be at least 1\n"));
        assertThat(run("up", "--env", "demo")).isEqualTo(new Execution(2, "", "--env takes NAME=SPEC, not 'demo'\n"));
        assertThat(run("plan", emulated.toString(), "--server", "http://127.0.0.1:1/")).isEqualTo(new Execution(2, "",
                "the plan has emulated environments, which only the local stack serves: drop --server to use it\n"));
    }

    @Test
    void commandsThatNeedARunningStackSayHowToStartOne() throws Exception {
        Execution none = run("status");
        staleStackFile();
        Execution stale = run("runs");

        for (Execution execution : new Execution[] {none, stale}) {
            assertThat(execution).isEqualTo(new Execution(2, "",
                    "no dvmigrate stack is running: start one with `dvmigrate up`, or pass --server URL\n"));
        }
    }

    @Test
    void downCleansUpAfterAStackThatDied() throws Exception {
        Path stackFile = staleStackFile();

        assertThat(run("down")).isEqualTo(new Execution(0, "no stack is running\n", ""));
        assertThat(stackFile).doesNotExist();
    }

    /** The stack file of a stack whose process has ended. */
    private Path staleStackFile() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path file = Files.createDirectories(home.resolve(".dvmigrate")).resolve("stack.json");
        return Files.writeString(file, "{\"pid\":" + ended.pid() + ",\"orchestrator\":\"http://127.0.0.1:1/\"}");
    }

    private Execution run(String... args) {
        return Execution.of(home, args);
    }
}
