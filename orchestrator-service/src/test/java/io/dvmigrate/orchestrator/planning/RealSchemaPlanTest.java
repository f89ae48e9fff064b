package io.dvmigrate.orchestrator.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.plan.PlanReader;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.orchestrator.planning.CompiledPlan.PlannedTable;
import io.dvmigrate.service.DataverseConnections;
import io.dvmigrate.testing.EmulatedEnvironments;
import io.dvmigrate.testing.RealData;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Planning against real schemas: a real v9.1 $metadata, and Microsoft's nonprofit CMT package. */
class RealSchemaPlanTest {

    private static CompiledPlan compile(EmulatedEnvironments environments, String tables) {
        try (DataverseClient source = DataverseClient.connect(DataverseConnections.settingsOf(environments.ref("source")));
                DataverseClient target = DataverseClient.connect(DataverseConnections.settingsOf(environments.ref("target")))) {
            return new PlanCompiler(new DataverseCatalog(source), new DataverseCatalog(target)).compile(PlanReader.read(
                    "source: " + environments.planEnvironment("source") + "\ntarget: "
                            + environments.planEnvironment("target") + "\n" + tables));
        }
    }

    /** Every lookup that is not deferred points to a table loaded before its own; deferred ones are optional. */
    private static void assertValidOrder(CompiledPlan plan) {
        Map<String, Integer> tier = plan.tables().stream().collect(Collectors.toMap(PlannedTable::table, PlannedTable::tier));
        for (PlannedTable table : plan.tables()) {
            for (TableJob.LookupRule lookup : table.work().get(Pass.DATA).job().lookups()) {
                if (lookup.principals() != null) {
                    continue;
                }
                for (TableJob.LookupTarget target : lookup.targets()) {
                    if (tier.containsKey(target.table())) {
                        assertThat(tier.get(target.table())).as(table.table() + "." + lookup.source() + " → " + target.table())
                                .isLessThan(tier.get(table.table()));
                    }
                }
            }
        }
    }

    @Test
    void aRealCrmMetadataDocumentPlansWithUsersTeamsAndBusinessUnitsMappedNotMigrated() {
        String csdl = "csdl:" + RealData.path("metadata/dataverse-v9.1-crm4.csdl.xml");
        try (EmulatedEnvironments environments = EmulatedEnvironments.start(Map.of("source", csdl, "target", csdl))) {
            CompiledPlan plan = compile(environments, "tables: [account, contact, annotation, activitypointer, email,"
                    + " task, phonecall, appointment, letter, fax]\n");

            assertThat(plan.errors()).isEmpty();
            assertThat(plan.tables()).hasSize(10);
            assertValidOrder(plan);
            PlannedTable account = plan.table("account");
            assertThat(account.deferred()).contains("parentaccountid");
            TableJob data = account.work().get(Pass.DATA).job();
            Set<String> principalLookups = data.lookups().stream().filter(l -> l.principals() != null)
                    .map(TableJob.LookupRule::source).collect(Collectors.toSet());
            assertThat(principalLookups).as("owner and user lookups go through the user mapping").contains("ownerid");
            assertThat(data.lookups().stream().filter(l -> l.principals() == null).flatMap(l -> l.targets().stream())
                    .map(TableJob.LookupTarget::table)).doesNotContain("systemuser", "team", "businessunit");
            assertThat(plan.tables()).extracting(PlannedTable::table).doesNotContain("systemuser", "team", "businessunit");
            assertThat(plan.table("task").after()).contains("account", "contact");
        }
    }

    @Test
    void theNonprofitPackagePlansEveryOneOfItsTables() {
        String zip = RealData.path("cmt/nonprofit-accelerator/DefaultData.zip").toString();
        try (EmulatedEnvironments environments = EmulatedEnvironments.start(
                Map.of("source", "cmt:" + zip, "target", "cmt-schema:" + zip))) {
            List<String> packageTables = environments.emulator().rowCounts("source").entrySet().stream()
                    .filter(e -> e.getValue() > 0 && !Set.of("systemuser", "team", "businessunit", "transactioncurrency",
                            "organization").contains(e.getKey()))
                    .map(Map.Entry::getKey).sorted().toList();
            CompiledPlan plan = compile(environments, "tables: " + packageTables + "\nusers: {fallbackOwner: admin@target.example}\n");

            plan.warnings().forEach(w -> System.out.println("warning: " + w));
            assertThat(plan.errors()).isEmpty();
            assertThat(plan.tables()).extracting(PlannedTable::table).containsExactlyInAnyOrderElementsOf(packageTables);
            assertValidOrder(plan);
            assertThat(plan.manyToMany()).isNotEmpty();
        }
    }
}
