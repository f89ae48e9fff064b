package io.dvmigrate.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.Dvmigrate;
import io.dvmigrate.cli.progress.RunFollower;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Re-drives a run's dead-lettered rows once their cause is fixed, then verifies the run again. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Writes a run's dead-lettered rows again (after their cause is fixed: a widened column, an added"
                + " option value), in dependency order, then verifies the run again.")
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "The run's id.")
    UUID run;

    @Option(names = "--server", paramLabel = "URL", description = "An orchestrator's URL (default: the local stack).")
    String server;

    @Override
    public Integer call() {
        try (Connection connection = Connection.existing(server)) {
            connection.api().replay(run);
            System.out.println("replaying the dead-lettered rows of run " + run);
            JsonNode view = new RunFollower(connection.api(), System.out, Terminal.isInteractive()).follow(run);
            return RunFollower.printSummary(view, System.out) ? Dvmigrate.OK : Dvmigrate.FAILED;
        }
    }
}
