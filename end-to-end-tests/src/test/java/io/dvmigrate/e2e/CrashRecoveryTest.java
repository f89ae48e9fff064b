package io.dvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A loader or the orchestrator killed with SIGKILL in the middle of a run and started again, or a second loader
 * joining and leaving while chunks are in flight: uncommitted chunks are delivered again, writes are idempotent, the
 * ledger counts each chunk once, the orchestrator carries on from its database. The run completes with zero
 * mismatches and not one duplicate row.
 */
class CrashRecoveryTest {
    private static final String PLAN = """
            tables: [dvm_benchcategory, dvm_benchrecord, dvm_benchdetail]
            manyToMany: none
            """;

    @Test
    void aLoaderKilledMidRunLosesAndDuplicatesNothing() {
        runThroughACrash("loader", "crash-loader");
    }

    @Test
    void anOrchestratorKilledMidRunCarriesOnWhereItWas() {
        runThroughACrash("orchestrator", "crash-orchestrator");
    }

    /**
     * Each loader writes one request at a time of 100-row chunks, so the run lasts long enough for a loader to start
     * while the first has chunks in flight, and to stop while it has its own: two rebalances of the group. A stopping
     * loader first finishes the chunks it holds, one request at a time (8 s in one CI run, while the first loader
     * wrote on), so the run is long enough to outlast that too.
     */
    @Test
    void aLoaderJoiningAndLeavingMidRunLosesAndDuplicatesNothing() {
        String name = "rebalance";
        int records = 200_000;
        UUID id = start(name, records, "write: {chunkSize: 100, maxParallelism: 1}\n");
        EndToEnd.awaitRun(id, Duration.ofMinutes(3), view -> written(view, "dvm_benchrecord") >= 2000);

        EndToEnd.stack().startInstance("loader-2");
        long joined = written(EndToEnd.api().run(id), "dvm_benchrecord");
        assertThat(joined).as("records written when loader-2 joined").isLessThan(80_000);
        EndToEnd.awaitRun(id, Duration.ofMinutes(3), view -> written(view, "dvm_benchrecord") >= joined + 5000);
        EndToEnd.stack().stop("loader-2");
        long left = written(EndToEnd.api().run(id), "dvm_benchrecord");
        assertThat(left).as("records written when loader-2 left").isLessThan(records);

        assertCompleteAndExact(name, EndToEnd.awaitEnd(id, Duration.ofMinutes(6)));
    }

    private static void runThroughACrash(String service, String name) {
        UUID id = start(name, 40_000, "");
        EndToEnd.awaitRun(id, Duration.ofMinutes(3), view -> written(view, "dvm_benchrecord") >= 4000);

        EndToEnd.stack().kill(service);
        EndToEnd.sleep(2000);
        EndToEnd.stack().restart(service);
        assertCompleteAndExact(name, EndToEnd.awaitEnd(id, Duration.ofMinutes(6)));
    }

    /** Starts a run of {@code records} generated records (and their categories and details) into an empty target. */
    private static UUID start(String name, int records, String planExtra) {
        String source = name + "-src";
        String target = name + "-tgt";
        EndToEnd.environment(source, "generated:" + records);
        EndToEnd.environment(target, "generated:0");
        String plan = "name: " + name + "\nsource: " + EndToEnd.planEnvironment(source) + "\ntarget: "
                + EndToEnd.planEnvironment(target) + "\n" + PLAN + planExtra + "users: {map: {admin@" + source
                + ".example: admin@" + target + ".example}}\n";
        return EndToEnd.start(name, plan);
    }

    private static void assertCompleteAndExact(String name, JsonNode run) {
        String source = name + "-src";
        String target = name + "-tgt";
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("Succeeded");
        assertThat(run.path("totals").path("mismatches").asLong()).isZero();
        for (String[] table : new String[][] {{"dvm_benchcategories", "dvm_benchcategoryid"},
                {"dvm_benchrecords", "dvm_benchrecordid"}, {"dvm_benchdetails", "dvm_benchdetailid"}}) {
            int sourceRows = EndToEnd.rows(source, table[0], table[1], table[1]).size();
            assertThat(EndToEnd.rows(target, table[0], table[1], table[1])).as(table[0]).hasSize(sourceRows);
        }
    }

    private static long written(JsonNode run, String table) {
        for (JsonNode step : run.path("steps")) {
            if (step.path("table").asText().equals(table) && step.path("pass").asText().equals("DATA")) {
                return step.path("rowsWritten").asLong();
            }
        }
        return 0;
    }
}
