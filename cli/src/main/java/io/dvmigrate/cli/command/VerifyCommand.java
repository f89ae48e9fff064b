package io.dvmigrate.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.Dvmigrate;
import io.dvmigrate.cli.progress.RunFollower;
import io.dvmigrate.contracts.Json;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A run's verification: per table, and the mismatching rows. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Shows a run's verification per table, with the rows that are missing, extra or different;"
                + " exit code 1 when there are mismatches.")
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "The run's id.")
    UUID run;

    @Option(names = "--server", paramLabel = "URL", description = "An orchestrator's URL (default: the local stack).")
    String server;

    @Override
    public Integer call() throws Exception {
        try (Connection connection = Connection.existing(server)) {
            JsonNode log = Json.MAPPER.readTree(connection.api().log(run, "json"));
            for (JsonNode mismatch : log.path("mismatches")) {
                System.out.println(String.format("  %-24s %-9s %s %s", mismatch.path("table").asText(),
                        mismatch.path("kind").asText(), mismatch.path("row").asText(),
                        mismatch.path("columns").asText().equals("[]") ? "" : mismatch.path("columns").asText()));
            }
            return RunFollower.printSummary(connection.api().run(run), System.out) ? Dvmigrate.OK : Dvmigrate.FAILED;
        }
    }
}
