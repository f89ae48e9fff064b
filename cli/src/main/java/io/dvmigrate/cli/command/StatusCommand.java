package io.dvmigrate.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.Dvmigrate;
import io.dvmigrate.cli.progress.RunFollower;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A run's status: per table and pass, and what to do next. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows a run (default: the newest) per table and pass, and what to do next.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", arity = "0..1", description = "The run's id (default: the newest run).")
    UUID run;

    @Option(names = "--server", paramLabel = "URL", description = "An orchestrator's URL (default: the local stack).")
    String server;

    @Override
    public Integer call() {
        try (Connection connection = Connection.existing(server)) {
            UUID id = run != null ? run : newest(connection);
            JsonNode view = connection.api().run(id);
            System.out.println("run " + view.path("id").asText() + " of " + view.path("migration").asText() + ": "
                    + view.path("status").asText() + (view.path("error").isNull() ? "" : " — " + view.path("error").asText()));
            System.out.println("next: " + view.path("nextStep").asText());
            for (JsonNode step : view.path("steps")) {
                System.out.println(String.format("  %-28s %-17s %-10s %,10d read %,10d written %,6d failed %,6d deleted",
                        step.path("table").asText(), step.path("pass").asText(), step.path("status").asText(),
                        step.path("rowsExtracted").asLong(), step.path("rowsWritten").asLong(),
                        step.path("rowsFailed").asLong(), step.path("rowsDeleted").asLong()));
            }
            boolean finished = view.path("finishedAt").isTextual();
            return !finished || RunFollower.printSummary(view, System.out) ? Dvmigrate.OK : Dvmigrate.FAILED;
        }
    }

    static UUID newest(Connection connection) {
        JsonNode runs = connection.api().runs(null);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("there is no run yet");
        }
        return UUID.fromString(runs.get(0).path("id").asText());
    }
}
