package io.dvmigrate.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.Dvmigrate;
import io.dvmigrate.cli.api.OrchestratorClient;
import io.dvmigrate.cli.plan.PlanFile;
import io.dvmigrate.cli.progress.RunFollower;
import java.io.PrintStream;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The whole product in one command: an emulated CRM migrated into an empty environment, shown, run and verified. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the local stack (Kafka, PostgreSQL, the emulator, the four services), shows the plan of"
                + " migrating an emulated CRM into an empty environment, runs it with live progress and verifies it.",
                "Ends with `verified: T tables, R rows, 0 mismatches` and exit code 0; any mismatch ends differently,"
                        + " with exit code 1."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--rows", paramLabel = "N", description = "Scale the demo dataset to about N rows (default: about 4,800).")
    Integer rows;

    @Option(names = "--keep", description = "Leave the stack running afterwards (stop it with `dvmigrate down`).")
    boolean keep;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (rows != null && rows < 1) {
            throw new IllegalArgumentException("--rows must be at least 1");
        }
        PlanFile plan = PlanFile.of(rows == null ? DemoPlan.yaml() : DemoPlan.yaml().replace("emulated: demo\n",
                "emulated: demo:" + rows + "\n"));
        out.println("dvmigrate demo: Contoso's emulated CRM" + (rows == null ? "" : " (about " + rows + " rows)")
                + " into an empty environment with the same schema");
        long started = System.nanoTime();
        if (keep) {
            UpCommand.ensureRunning(plan.emulatedEnvironments(), out);
        }
        try (Connection connection = Connection.forPlan(null, plan, out, "demo")) {
            OrchestratorClient api = connection.api();
            String resolved = connection.resolve(plan);
            out.println("stack ready after " + seconds(started) + "; the plan:");
            out.println();
            out.println(api.preview(resolved, false));
            api.putMigration("demo", System.getProperty("user.name", "demo"), resolved);
            UUID runId = api.startRun("demo");
            out.println("running " + runId);
            JsonNode run = new RunFollower(api, out, Terminal.isInteractive()).follow(runId);
            out.println("(demo took " + seconds(started) + (keep ? "; the stack keeps running: `dvmigrate down` stops it)"
                    : ")"));
            return RunFollower.printSummary(run, out) ? Dvmigrate.OK : Dvmigrate.FAILED;
        }
    }

    private static String seconds(long startNanos) {
        return String.format("%.0f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
