package io.dvmigrate.cli.command;

import io.dvmigrate.cli.Dvmigrate;
import io.dvmigrate.cli.plan.PlanFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shows what a plan will do, against both environments, without writing anything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Checks a plan against both environments and shows the schema diff, the load order, the"
                + " deferred lookups and the passes. Nothing is written.",
                "JSON (--format json) lists, for each table, `table`, `after` (the tables loaded before it starts) and"
                        + " `deferred` (its lookups patched in the second pass), plus `manyToMany`, `errors` and"
                        + " `warnings`. Exit code 2 when the plan has errors."})
public final class PlanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The plan (YAML).")
    Path file;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--server", paramLabel = "URL", description = "An orchestrator's URL (default: the local stack).")
    String server;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format is text or json, not '" + format + "'");
        }
        PlanFile plan = PlanFile.read(file);
        try (Connection connection = Connection.forPlan(server, plan, System.err, "plan")) {
            String preview = connection.api().preview(connection.resolve(plan), format.equals("json"));
            System.out.println(preview);
            boolean ready = format.equals("json") ? preview.contains("\"ready\":true")
                    : preview.contains("The plan is ready to run.");
            return ready ? Dvmigrate.OK : Dvmigrate.BAD_INPUT;
        }
    }
}
