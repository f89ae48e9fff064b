package io.dvmigrate.cli;

import io.dvmigrate.cli.api.ApiException;
import io.dvmigrate.cli.bench.BenchCommand;
import io.dvmigrate.cli.command.DemoCommand;
import io.dvmigrate.cli.command.DownCommand;
import io.dvmigrate.cli.command.EmulatorCommand;
import io.dvmigrate.cli.command.LogCommand;
import io.dvmigrate.cli.command.PlanCommand;
import io.dvmigrate.cli.command.ReplayCommand;
import io.dvmigrate.cli.command.RunCommand;
import io.dvmigrate.cli.command.RunsCommand;
import io.dvmigrate.cli.command.StackDaemonCommand;
import io.dvmigrate.cli.command.StatusCommand;
import io.dvmigrate.cli.command.UpCommand;
import io.dvmigrate.cli.command.VerifyCommand;
import io.dvmigrate.contracts.plan.InvalidPlanException;
import io.dvmigrate.stack.StackException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dvmigrate}: migrate and synchronize data between Dataverse environments. Exit codes: 0 success, 1 the run
 * failed or verification found mismatches (or the stack could not start), 2 bad usage or bad input.
 */
@Command(name = "dvmigrate", mixinStandardHelpOptions = true, version = "dvmigrate 0.1.0",
        description = "Migrates and synchronizes data between Microsoft Dataverse environments.",
        subcommands = {DemoCommand.class, UpCommand.class, DownCommand.class, EmulatorCommand.class, PlanCommand.class,
                RunCommand.class, StatusCommand.class, RunsCommand.class, LogCommand.class, VerifyCommand.class,
                ReplayCommand.class, BenchCommand.class, StackDaemonCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the run failed, verification found mismatches, or the local stack failed",
                "2:bad usage or bad input (a plan's mistakes name their place)"})
public final class Dvmigrate {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with dvmigrate's exit codes for the errors users cause and the ones they do not. */
    public static CommandLine commandLine() {
        return new CommandLine(new Dvmigrate())
                .setExitCodeExceptionMapper(Dvmigrate::exitCode)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    PrintWriter err = commandLine.getErr();
                    err.println(message(e));
                    err.flush();
                    return exitCode(e);
                });
    }

    private static int exitCode(Throwable e) {
        if (e instanceof InvalidPlanException || e instanceof IllegalArgumentException
                || e instanceof ApiException api && api.isBadInput() || e instanceof CommandLine.ParameterException) {
            return BAD_INPUT;
        }
        return FAILED;
    }

    private static String message(Throwable e) {
        if (e instanceof ApiException api && api.errors() != null && api.errors().isArray() && !api.errors().isEmpty()) {
            StringBuilder out = new StringBuilder(api.getMessage()).append(':');
            api.errors().forEach(error -> out.append("\n  ").append(error.path("path").asText())
                    .append(error.path("path").asText().isEmpty() ? "" : ": ").append(error.path("message").asText()));
            return out.toString();
        }
        if (e instanceof InvalidPlanException || e instanceof ApiException || e instanceof StackException
                || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return "dvmigrate failed: " + e;
    }
}
