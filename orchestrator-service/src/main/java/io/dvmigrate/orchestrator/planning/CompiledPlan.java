package io.dvmigrate.orchestrator.planning;

import io.dvmigrate.contracts.ExtractCommand;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.TableJob;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan worked out against both environments: the schema diff, the load order in tiers, the deferred lookups, the
 * passes, and for every table and pass the exact job the pipeline runs. It is shown before anything is written and
 * stored with each run, so a run never depends on metadata read later.
 *
 * @param findings errors (which block a run) and warnings, each naming its place in the plan
 * @param tables   the tables in load order
 * @param tiers    tables grouped by depth; a table starts as soon as its own parents are loaded
 */
public record CompiledPlan(
        String name,
        List<Finding> findings,
        List<PlannedTable> tables,
        List<List<String>> tiers,
        List<PlannedRelationship> manyToMany,
        UserMapping users,
        List<PassSummary> passes) {

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> !f.isError()).toList();
    }

    public PlannedTable table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow();
    }

    /**
     * One table.
     *
     * @param after         tables that must be loaded before this one starts
     * @param deferred      its lookup columns patched in the second pass
     * @param estimatedRows the source's row count when planned
     * @param match         {@code id}, or {@code key:<name>}
     * @param work          what each pass of this table runs
     */
    public record PlannedTable(String table, String entitySet, int tier, Set<String> after, List<String> deferred,
            long estimatedRows, String match, boolean deleteMissing, Map<Pass, Work> work) {
    }

    /** A many-to-many relationship migrated after both of its tables are loaded. */
    public record PlannedRelationship(String name, String table1, String table2, String intersectEntitySet,
            long estimatedRows, Work work) {
    }

    /** What the extractor reads and the transformer and loader do, for one table (or relationship) in one pass. */
    public record Work(TableJob job, ExtractCommand.Query query, ExtractCommand.Query targetQuery) {
    }

    /** A pass and what it covers, for the preview. */
    public record PassSummary(Pass pass, String description, List<String> items) {
    }

    /** How users, teams and business units map, for the preview. */
    public record UserMapping(String match, int users, int usersMapped, int teams, int teamsMapped, int businessUnits,
            int businessUnitsMapped, String fallbackOwner, List<String> unmapped) {
    }
}
