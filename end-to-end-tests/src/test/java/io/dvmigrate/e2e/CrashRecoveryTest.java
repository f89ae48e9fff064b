package io.dvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A loader or the orchestrator killed with SIGKILL in the middle of a run and started again: uncommitted chunks
 * are delivered again, writes are idempotent, the ledger counts each chunk once, the orchestrator carries on from
 * its database. The run completes with zero mismatches and not one duplicate row.
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

    private static void runThroughACrash(String service, String name) {
        String source = name + "-src";
        String target = name + "-tgt";
        EndToEnd.environment(source, "generated:40000");
        EndToEnd.environment(target, "generated:0");
        String plan = "name: " + name + "\nsource: " + EndToEnd.planEnvironment(source) + "\ntarget: "
                + EndToEnd.planEnvironment(target) + "\n" + PLAN + "users: {map: {admin@" + source + ".example: admin@"
                + target + ".example}}\n";
        UUID id = EndToEnd.start(name, plan);
        EndToEnd.awaitRun(id, Duration.ofMinutes(3), view -> written(view, "dvm_benchrecord") >= 4000);

        EndToEnd.stack().kill(service);
        EndToEnd.sleep(2000);
        EndToEnd.stack().restart(service);
        JsonNode run = EndToEnd.awaitEnd(id, Duration.ofMinutes(6));

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
