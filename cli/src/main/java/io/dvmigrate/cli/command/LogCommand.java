package io.dvmigrate.cli.command;

import io.dvmigrate.cli.Dvmigrate;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A run's log: counts per table and pass, failures, mismatches and events. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Prints a run's log: JSON (counts per table and pass, dead-lettered rows, verification mismatches,"
                + " events) or CSV (counts per table and pass).")
public final class LogCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "The run's id.")
    UUID run;

    @Option(names = "--format", defaultValue = "json", description = "json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--server", paramLabel = "URL", description = "An orchestrator's URL (default: the local stack).")
    String server;

    @Override
    public Integer call() {
        if (!format.equals("json") && !format.equals("csv")) {
            throw new IllegalArgumentException("--format is json or csv, not '" + format + "'");
        }
        try (Connection connection = Connection.existing(server)) {
            System.out.println(connection.api().log(run, format));
            return Dvmigrate.OK;
        }
    }
}
