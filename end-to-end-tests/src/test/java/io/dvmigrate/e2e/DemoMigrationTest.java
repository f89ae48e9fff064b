package io.dvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.command.DemoPlan;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo dataset into an empty target with the same schema, through the whole system: every row, every lookup
 * (the deferred ones and the polymorphic customer included) and every N:N association reaches the target, owners
 * map to the target's users, and the run verifies with zero mismatches.
 */
class DemoMigrationTest {
    private static final String SOURCE = "demo-src";
    private static final String TARGET = "demo-tgt";
    private static JsonNode run;

    @BeforeAll
    static void migrate() {
        EndToEnd.environment(SOURCE, "demo");
        EndToEnd.environment(TARGET, "demo-schema");
        String plan = DemoPlan.yaml().replace("source:\n  emulated: demo\n", "source: " + EndToEnd.planEnvironment(SOURCE) + "\n")
                .replace("target:\n  emulated: demo-schema\n", "target: " + EndToEnd.planEnvironment(TARGET) + "\n");
        UUID id = EndToEnd.start("e2e-demo", plan);
        run = EndToEnd.awaitEnd(id, Duration.ofMinutes(5));
    }

    @Test
    void theRunSucceedsAndVerifiesWithZeroMismatches() {
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("Succeeded");
        assertThat(run.path("totals").path("mismatches").asLong()).isZero();
        assertThat(run.path("totals").path("rowsFailed").asLong()).isZero();
        assertThat(run.path("totals").path("rowsVerified").asLong()).isEqualTo(4800);
    }

    @Test
    void everyRowAndEveryLookupIsInTheTarget() {
        assertSameLookups("accounts", "accountid", "_parentaccountid_value", "_primarycontactid_value",
                "_originatingleadid_value", "name", "revenue");
        assertSameLookups("contacts", "contactid", "_parentcustomerid_value", "firstname", "lastname", "birthdate");
        assertSameLookups("leads", "leadid", "_parentaccountid_value", "statecode", "statuscode");
        assertSameLookups("opportunities", "opportunityid", "_customerid_value", "_originatingleadid_value",
                "estimatedvalue", "statecode", "statuscode");
        assertSameLookups("tasks", "activityid", "_regardingobjectid_value", "subject", "statecode", "statuscode");
        assertSameLookups("phonecalls", "activityid", "_regardingobjectid_value", "subject");
        assertSameLookups("dvm_projects", "dvm_projectid", "_dvm_accountid_value", "dvm_code", "dvm_budget");
    }

    @Test
    void everyManyToManyAssociationIsInTheTarget() {
        Set<String> source = pairs(SOURCE);
        assertThat(source).hasSizeGreaterThan(500);
        assertThat(pairs(TARGET)).isEqualTo(source);
    }

    @Test
    void ownersAreTheTargetsUsersWithTheSameDomainNames() {
        Map<String, String> sourceOwners = ownerNames(SOURCE);
        Map<String, String> targetOwners = ownerNames(TARGET);
        Map<String, JsonNode> source = EndToEnd.rows(SOURCE, "accounts", "accountid", "accountid", "_ownerid_value");
        Map<String, JsonNode> target = EndToEnd.rows(TARGET, "accounts", "accountid", "accountid", "_ownerid_value");
        for (Map.Entry<String, JsonNode> row : source.entrySet()) {
            String sourceOwner = sourceOwners.get(row.getValue().path("_ownerid_value").asText().toLowerCase());
            String targetOwner = targetOwners.get(target.get(row.getKey()).path("_ownerid_value").asText().toLowerCase());
            assertThat(targetOwner).as("owner of account " + row.getKey()).isEqualTo(sourceOwner).isNotNull();
        }
    }

    /** Same ids in both, and for each row the same values of {@code columns} (lookups with their target table). */
    private static void assertSameLookups(String entitySet, String primaryId, String... columns) {
        String[] select = new String[columns.length + 1];
        select[0] = primaryId;
        System.arraycopy(columns, 0, select, 1, columns.length);
        Map<String, JsonNode> source = EndToEnd.rows(SOURCE, entitySet, primaryId, select);
        Map<String, JsonNode> target = EndToEnd.rows(TARGET, entitySet, primaryId, select);
        assertThat(target.keySet()).as(entitySet).isEqualTo(source.keySet());
        for (Map.Entry<String, JsonNode> row : source.entrySet()) {
            JsonNode copy = target.get(row.getKey());
            for (String column : columns) {
                assertThat(text(copy.get(column))).as(entitySet + " " + row.getKey() + " " + column)
                        .isEqualTo(text(row.getValue().get(column)));
                String table = column + "@Microsoft.Dynamics.CRM.lookuplogicalname";
                assertThat(text(copy.get(table))).as(entitySet + " " + row.getKey() + " " + table)
                        .isEqualTo(text(row.getValue().get(table)));
            }
        }
    }

    private static Set<String> pairs(String environment) {
        Set<String> pairs = new HashSet<>();
        EndToEnd.rows(environment, "dvm_project_contactset", "dvm_project_contactid", "dvm_project_contactid",
                "dvm_projectid", "contactid").values().forEach(r -> pairs.add(r.path("dvm_projectid").asText().toLowerCase()
                + "/" + r.path("contactid").asText().toLowerCase()));
        return pairs;
    }

    /** User id → domain name, team id → team name, in one environment. */
    private static Map<String, String> ownerNames(String environment) {
        Map<String, String> names = new HashMap<>();
        EndToEnd.rows(environment, "systemusers", "systemuserid", "systemuserid", "domainname")
                .forEach((id, row) -> names.put(id, row.path("domainname").asText()));
        EndToEnd.rows(environment, "teams", "teamid", "teamid", "name")
                .forEach((id, row) -> names.put(id, "team:" + row.path("name").asText()));
        return names;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString() : node.asText().toLowerCase();
    }
}
