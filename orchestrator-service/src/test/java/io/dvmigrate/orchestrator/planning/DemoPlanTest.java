package io.dvmigrate.orchestrator.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.plan.Plan;
import io.dvmigrate.contracts.plan.PlanReader;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.orchestrator.planning.CompiledPlan.PlannedTable;
import io.dvmigrate.service.DataverseConnections;
import io.dvmigrate.testing.EmulatedEnvironments;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Planning the demo over real HTTP: cycles, a self-reference, polymorphic lookups, an N:N, owners, an alternate key. */
class DemoPlanTest {
    static EmulatedEnvironments environments;
    static DataverseClient source;
    static DataverseClient target;

    @BeforeAll
    static void start() {
        environments = EmulatedEnvironments.start(Map.of("source", "demo", "target", "demo-schema"));
        source = DataverseClient.connect(DataverseConnections.settingsOf(environments.ref("source")));
        target = DataverseClient.connect(DataverseConnections.settingsOf(environments.ref("target")));
    }

    @AfterAll
    static void stop() {
        source.close();
        target.close();
        environments.close();
    }

    private static CompiledPlan compile(String tablesAndMore) {
        Plan plan = PlanReader.read("source: " + environments.planEnvironment("source") + "\ntarget: "
                + environments.planEnvironment("target") + "\n" + tablesAndMore);
        return new PlanCompiler(new DataverseCatalog(source), new DataverseCatalog(target)).compile(plan);
    }

    @Test
    void cyclesAreBrokenByDeferringOnlyTheLookupsThatCloseThemAndNeverARequiredOne() {
        CompiledPlan plan = compile("""
                tables: [account, contact, lead, opportunity, task, phonecall, dvm_project]
                users: {fallbackOwner: admin@target.example}
                """);

        assertThat(plan.errors()).isEmpty();
        Map<String, List<String>> deferred = plan.tables().stream()
                .collect(Collectors.toMap(PlannedTable::table, PlannedTable::deferred));
        // account → account (self), contact → contact (polymorphic self), and the account ↔ contact ↔ lead cycles
        assertThat(deferred.get("account")).contains("parentaccountid");
        assertThat(deferred.get("contact")).containsExactly("parentcustomerid");
        int deferredCount = deferred.values().stream().mapToInt(List::size).sum();
        assertThat(deferredCount).as("one column per cycle beyond the self-references").isEqualTo(3);
        assertThat(deferred.get("opportunity")).isEmpty();
        assertThat(deferred.get("task")).isEmpty();

        // every lookup that is not deferred points to a table loaded earlier
        for (PlannedTable table : plan.tables()) {
            TableJob data = table.work().get(Pass.DATA).job();
            for (TableJob.LookupRule lookup : data.lookups()) {
                if (lookup.principals() != null) {
                    continue;
                }
                Set<String> parents = lookup.targets().stream().map(TableJob.LookupTarget::table)
                        .filter(t -> plan.tables().stream().anyMatch(p -> p.table().equals(t))).collect(Collectors.toSet());
                assertThat(table.after()).as(table.table() + "." + lookup.source()).containsAll(parents);
                parents.forEach(parent -> assertThat(plan.table(parent).tier()).isLessThan(table.tier()));
            }
            if (!table.deferred().isEmpty()) {
                assertThat(table.work().get(Pass.DATA).job().lookups()).extracting(TableJob.LookupRule::source)
                        .doesNotContainAnyElementsOf(table.deferred());
                assertThat(table.work().get(Pass.DEFERRED_LOOKUPS).job().lookups()).extracting(TableJob.LookupRule::source)
                        .containsAll(table.deferred());
            }
        }
    }

    @Test
    void polymorphicLookupsBindThroughTheNavigationPropertyOfEachTargetAndOwnersThroughTheUserMap() {
        CompiledPlan plan = compile("tables: [account, contact, opportunity]\n");

        TableJob opportunity = plan.table("opportunity").work().get(Pass.DATA).job();
        TableJob.LookupRule customer = opportunity.lookups().stream().filter(l -> l.source().equals("customerid"))
                .findFirst().orElseThrow();
        assertThat(customer.targets()).extracting(TableJob.LookupTarget::navigationProperty)
                .containsExactlyInAnyOrder("customerid_account", "customerid_contact");
        TableJob.LookupRule owner = opportunity.lookups().stream().filter(l -> l.source().equals("ownerid"))
                .findFirst().orElseThrow();
        assertThat(owner.principals()).isNotNull();
        assertThat(owner.principals().principals()).as("the six staff users and the sales team match by domain name"
                + " and by name").hasSizeGreaterThanOrEqualTo(7);
        assertThat(plan.users().usersMapped()).isGreaterThanOrEqualTo(6);
        assertThat(opportunity.columns()).extracting(TableJob.ColumnRule::target)
                .doesNotContain("createdon", "modifiedon", "opportunityid", "versionnumber");
    }

    @Test
    void theManyToManyRelationshipIsAPassOfItsOwn() {
        CompiledPlan plan = compile("tables: [contact, dvm_project, account]\n");

        assertThat(plan.manyToMany()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("dvm_project_contact");
            assertThat(r.work().job().action()).isEqualTo(TableJob.Action.ASSOCIATE);
            assertThat(r.estimatedRows()).isPositive();
        });
        assertThat(plan.passes()).extracting(CompiledPlan.PassSummary::pass)
                .containsExactly(Pass.DATA, Pass.DEFERRED_LOOKUPS, Pass.MANY_TO_MANY, Pass.VERIFY);
    }

    @Test
    void matchingByAnAlternateKeyBindsChildLookupsByThatKey() {
        CompiledPlan plan = compile("""
                tables:
                  - table: account
                    match: {key: dvm_account_accountnumber}
                  - dvm_project
                """);

        assertThat(plan.errors()).isEmpty();
        TableJob project = plan.table("dvm_project").work().get(Pass.DATA).job();
        TableJob.LookupTarget account = project.lookups().stream().filter(l -> l.source().equals("dvm_accountid"))
                .findFirst().orElseThrow().targets().get(0);
        assertThat(account.navigationProperty()).isEqualTo("dvm_AccountId");
        assertThat(account.key().targetColumns()).containsExactly("accountnumber");
        assertThat(plan.table("dvm_project").work().get(Pass.DATA).query().expand())
                .singleElement().satisfies(e -> assertThat(e.navigationProperty()).isEqualTo("dvm_AccountId"));
    }

    @Test
    void mistakesAgainstTheMetadataNameTheirPlace() {
        CompiledPlan plan = compile("""
                tables:
                  - account
                  - table: contact
                    columns: {rename: {foo: bar}, exclude: [nosuchcolumn]}
                    values: {firstname: {1: 2}}
                  - table: dvm_project
                    match: {key: dvm_no_such_key}
                  - dvm_nosuchtable
                  - table: lead
                    filter: "thisisnot valid odata"
                """);

        assertThat(plan.errors()).extracting(Finding::toString).contains(
                "tables[1].columns.rename.foo: column 'foo' does not exist in source table 'contact'",
                "tables[1].columns.exclude[0]: column 'nosuchcolumn' does not exist in source table 'contact'",
                "tables[1].values.firstname: column 'firstname' of source table 'contact' is String, not a choice column",
                "tables[3].table: table 'dvm_nosuchtable' does not exist in the source");
        assertThat(plan.errors()).extracting(Finding::toString)
                .anySatisfy(e -> assertThat(e).startsWith("tables[2].match.key: alternate key 'dvm_no_such_key' does not"
                        + " exist on target table 'dvm_project' (its keys: dvm_project_code)"))
                .anySatisfy(e -> assertThat(e).startsWith("tables[4].filter: the source refuses this filter on 'lead'"));
    }
}
