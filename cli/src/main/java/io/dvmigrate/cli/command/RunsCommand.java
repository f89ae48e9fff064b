package io.dvmigrate.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.Dvmigrate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Run history. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Lists runs, newest first.")
public final class RunsCommand implements Callable<Integer> {
    @Option(names = "--migration", description = "Only this migration's runs.")
    String migration;

    @Option(names = "--server", paramLabel = "URL", description = "An orchestrator's URL (default: the local stack).")
    String server;

    @Override
    public Integer call() {
        try (Connection connection = Connection.existing(server)) {
            System.out.println(String.format("%-36s  %-20s %-20s %-26s %10s %8s", "run", "migration", "status",
                    "started", "written", "failed"));
            for (JsonNode run : connection.api().runs(migration)) {
                System.out.println(String.format("%-36s  %-20s %-20s %-26s %,10d %,8d", run.path("id").asText(),
                        run.path("migration").asText(), run.path("status").asText(), run.path("createdAt").asText(),
                        run.path("totals").path("rowsWritten").asLong(), run.path("totals").path("rowsFailed").asLong()));
            }
            return Dvmigrate.OK;
        }
    }
}
