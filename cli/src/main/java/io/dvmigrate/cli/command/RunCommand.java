package io.dvmigrate.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.Dvmigrate;
import io.dvmigrate.cli.plan.PlanFile;
import io.dvmigrate.cli.progress.RunFollower;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Saves a plan as a migration and runs it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Saves the plan as a migration (named by the plan's `name`) and starts a run.",
                "With --follow, shows progress until the run ends and exits 1 unless it is verified."})
public final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The plan (YAML).")
    Path file;

    @Option(names = "--follow", description = "Show progress until the run ends.")
    boolean follow;

    @Option(names = "--owner", description = "The migration's owner (default: your user name).")
    String owner = System.getProperty("user.name", "unknown");

    @Option(names = "--server", paramLabel = "URL", description = "An orchestrator's URL (default: the local stack).")
    String server;

    @Override
    public Integer call() {
        PlanFile plan = PlanFile.read(file);
        boolean follows = follow || server == null && io.dvmigrate.cli.stack.StackFile.running().isEmpty();
        try (Connection connection = Connection.forPlan(server, plan, System.err, "run")) {
            String name = plan.plan().name();
            connection.api().putMigration(name, owner, connection.resolve(plan));
            UUID runId = connection.api().startRun(name);
            System.out.println("run " + runId + " of migration " + name + " started");
            if (!follows) {
                System.out.println("follow it with `dvmigrate status " + runId + "`");
                return Dvmigrate.OK;
            }
            JsonNode run = new RunFollower(connection.api(), System.out, Terminal.isInteractive()).follow(runId);
            return RunFollower.printSummary(run, System.out) ? Dvmigrate.OK : Dvmigrate.FAILED;
        }
    }
}
