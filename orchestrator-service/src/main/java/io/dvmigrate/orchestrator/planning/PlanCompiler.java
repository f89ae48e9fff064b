package io.dvmigrate.orchestrator.planning;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.ExtractCommand.Expand;
import io.dvmigrate.contracts.ExtractCommand.Query;
import io.dvmigrate.contracts.Match;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.ColumnRule;
import io.dvmigrate.contracts.TableJob.LookupRule;
import io.dvmigrate.contracts.TableJob.LookupTarget;
import io.dvmigrate.contracts.plan.Plan;
import io.dvmigrate.dataverse.metadata.ManyToManyRelationship;
import io.dvmigrate.dataverse.metadata.TableMetadata;
import io.dvmigrate.dataverse.metadata.TableSummary;
import io.dvmigrate.orchestrator.planning.CompiledPlan.PassSummary;
import io.dvmigrate.orchestrator.planning.CompiledPlan.PlannedRelationship;
import io.dvmigrate.orchestrator.planning.CompiledPlan.PlannedTable;
import io.dvmigrate.orchestrator.planning.CompiledPlan.Work;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Works a plan out against the metadata of both environments: checks every table, column, key and filter it names
 * (each mistake with its path), maps users, orders the tables by their lookups (deferring the columns that close
 * cycles), and writes down, for every table and pass, the job the pipeline will run.
 */
public final class PlanCompiler {
    private static final Set<String> MAPPED_NOT_MIGRATED = Set.of("systemuser", "team", "businessunit");

    private final EnvironmentCatalog source;
    private final EnvironmentCatalog target;

    public PlanCompiler(EnvironmentCatalog source, EnvironmentCatalog target) {
        this.source = source;
        this.target = target;
    }

    public CompiledPlan compile(Plan plan) {
        List<Finding> findings = new ArrayList<>();
        Map<String, String> paths = new LinkedHashMap<>();
        Map<String, Plan.Table> planTables = new LinkedHashMap<>();
        Map<String, TableMetadata> sourceMetadata = new HashMap<>();
        Map<String, TableMetadata> targetMetadata = new HashMap<>();
        for (int i = 0; i < plan.tables().size(); i++) {
            Plan.Table table = plan.tables().get(i);
            String path = "tables[" + i + "]";
            paths.put(table.table(), path);
            if (table.mode() == Plan.TableMode.SKIP) {
                continue;
            }
            if (MAPPED_NOT_MIGRATED.contains(table.table())) {
                findings.add(Finding.error(path + ".table", table.table() + " rows are not migrated: users, teams and"
                        + " business units come from each tenant and are mapped through users: instead"));
                continue;
            }
            Optional<TableMetadata> inSource = source.table(table.table());
            Optional<TableMetadata> inTarget = target.table(table.table());
            if (inSource.isEmpty()) {
                findings.add(Finding.error(path + ".table", "table '" + table.table() + "' does not exist in the source"));
            }
            if (inTarget.isEmpty()) {
                findings.add(Finding.error(path + ".table", "table '" + table.table() + "' does not exist in the target"
                        + (table.mode() == Plan.TableMode.CREATE ? "; creating tables is done with the target's own"
                        + " solution import, not by dvmigrate" : " (create it there first, for example by importing"
                        + " the source's solution)")));
            }
            if (inSource.isPresent() && inTarget.isPresent()) {
                planTables.put(table.table(), table);
                sourceMetadata.put(table.table(), inSource.get());
                targetMetadata.put(table.table(), inTarget.get());
            }
        }

        PrincipalMapping.Result principals = PrincipalMapping.map(plan.users(), source, target);
        findings.addAll(principals.findings());
        Map<String, TableSummary> targetTables = target.tables().stream()
                .collect(Collectors.toMap(TableSummary::logicalName, Function.identity(), (a, b) -> a));
        TableMapping.Context context = new TableMapping.Context(planTables, sourceMetadata, targetMetadata,
                targetTables, principals);
        Map<String, TableMapping> mappings = new LinkedHashMap<>();
        for (Plan.Table table : planTables.values()) {
            TableMapping mapping = TableMapping.of(table, paths.get(table.table()), context);
            mappings.put(table.table(), mapping);
            findings.addAll(mapping.findings);
            if (table.filter() != null) {
                source.refusal(mapping.source.entitySetName(), table.filter()).ifPresent(reason ->
                        findings.add(Finding.error(paths.get(table.table()) + ".filter", "the source refuses this filter on '"
                                + table.table() + "': " + reason)));
            }
        }

        DependencyGraph.Order order;
        try {
            order = DependencyGraph.order(planTables.keySet(),
                    mappings.values().stream().flatMap(m -> m.edges.stream()).toList());
        } catch (DependencyGraph.RequiredCycleException e) {
            String first = e.columns().get(0);
            findings.add(Finding.error(paths.getOrDefault(first.substring(0, first.indexOf('.')), "tables"), e.getMessage()));
            order = DependencyGraph.order(planTables.keySet(), List.of());
        }

        Map<String, Long> counts = planTables.isEmpty() ? Map.of() : source.rowCounts(planTables.keySet());
        List<PlannedRelationship> relationships = relationships(plan, planTables, sourceMetadata, targetMetadata,
                targetTables, findings);
        List<PlannedTable> tables = new ArrayList<>();
        for (int tier = 0; tier < order.tiers().size(); tier++) {
            for (String table : order.tiers().get(tier)) {
                TableMapping mapping = mappings.get(table);
                List<String> deferred = order.deferred().get(table);
                tables.add(new PlannedTable(table, mapping.source.entitySetName(), tier, order.after().get(table),
                        deferred, counts.getOrDefault(table, 0L),
                        mapping.match.isKey() ? "key:" + mapping.match.keyName() : "id",
                        mapping.plan.deleteMissing(), work(mapping, deferred, plan.write())));
            }
        }
        return new CompiledPlan(plan.name(), findings, tables, order.tiers(), relationships, principals.summary(),
                passes(tables, relationships));
    }

    // ---- jobs and queries per pass

    private Map<Pass, Work> work(TableMapping mapping, List<String> deferred, Plan.Write write) {
        Map<Pass, Work> work = new EnumMap<>(Pass.class);
        TableJob.WriteOptions options = new TableJob.WriteOptions(TableJob.WriteMode.valueOf(write.mode().name()),
                write.maxParallelism(), write.bypassPlugins(), write.bypassFlows());
        List<LookupRule> immediate = mapping.lookups.values().stream().filter(l -> !deferred.contains(l.source())).toList();
        List<LookupRule> later = mapping.lookups.values().stream().filter(l -> deferred.contains(l.source())).toList();
        List<ColumnRule> stateNow = mapping.stateOnCreate ? mapping.state : List.of();
        List<ColumnRule> stateLater = mapping.stateOnCreate ? List.of() : mapping.state;
        List<ColumnRule> keyColumns = mapping.columns.stream()
                .filter(c -> mapping.match.keyColumns().contains(c.target())).toList();

        List<ColumnRule> dataColumns = concat(mapping.columns, stateNow);
        work.put(Pass.DATA, new Work(job(mapping, TableJob.Action.UPSERT, dataColumns, immediate, mapping.defaults, options),
                sourceQuery(mapping, dataColumns, immediate, mapping.plan.filter()), null));

        if (!later.isEmpty() || !stateLater.isEmpty()) {
            List<ColumnRule> patchColumns = concat(keyColumns, stateLater);
            work.put(Pass.DEFERRED_LOOKUPS, new Work(job(mapping, TableJob.Action.UPDATE, patchColumns, later, Map.of(), options),
                    sourceQuery(mapping, patchColumns, later, and(mapping.plan.filter(), needsPatch(mapping, later, stateLater))),
                    null));
        }
        Query targetIdentities = targetIdentities(mapping);
        List<ColumnRule> allColumns = concat(mapping.columns, mapping.state);
        List<LookupRule> allLookups = List.copyOf(mapping.lookups.values());
        if (mapping.plan.deleteMissing()) {
            work.put(Pass.DELETES, new Work(job(mapping, TableJob.Action.DELETE, keyColumns, List.of(), Map.of(), options),
                    sourceIdentities(mapping), targetIdentities));
        }
        work.put(Pass.VERIFY, new Work(job(mapping, TableJob.Action.VERIFY, allColumns, allLookups, mapping.defaults, options),
                sourceQuery(mapping, allColumns, allLookups, mapping.plan.filter()), targetIdentities));
        return work;
    }

    private static TableJob job(TableMapping mapping, TableJob.Action action, List<ColumnRule> columns,
            List<LookupRule> lookups, Map<String, JsonNode> defaults, TableJob.WriteOptions options) {
        return new TableJob(mapping.table, mapping.source.table().primaryIdAttribute(), mapping.target.logicalName(),
                mapping.target.entitySetName(), mapping.target.table().primaryIdAttribute(), action, mapping.match, columns,
                lookups, defaults, options, null);
    }

    /** The source columns a pass needs: identity, plain columns, lookup values, parents' keys via $expand. */
    private static Query sourceQuery(TableMapping mapping, List<ColumnRule> columns, List<LookupRule> lookups,
            String filter) {
        Set<String> select = new LinkedHashSet<>();
        String primaryId = mapping.source.table().primaryIdAttribute();
        select.add(primaryId);
        columns.forEach(c -> select.add(c.source()));
        lookups.forEach(l -> select.add("_" + l.source() + "_value"));
        Map<String, Expand> expand = new LinkedHashMap<>();
        for (LookupRule lookup : lookups) {
            for (LookupTarget target : lookup.targets()) {
                if (target.key() != null && target.sourceNavigation() != null) {
                    expand.putIfAbsent(target.sourceNavigation(), new Expand(target.sourceNavigation(), target.key().sourceColumns()));
                }
            }
        }
        return new Query(mapping.source.entitySetName(), List.copyOf(select), filter, List.copyOf(expand.values()),
                sourceIdentityColumns(mapping));
    }

    private static Query sourceIdentities(TableMapping mapping) {
        List<String> identity = sourceIdentityColumns(mapping);
        return new Query(mapping.source.entitySetName(), identity, mapping.plan.filter(), List.of(), identity);
    }

    private static Query targetIdentities(TableMapping mapping) {
        List<String> identity = mapping.match.isKey() ? mapping.match.keyColumns()
                : List.of(mapping.target.table().primaryIdAttribute());
        Set<String> select = new LinkedHashSet<>(identity);
        select.add(mapping.target.table().primaryIdAttribute());
        return new Query(mapping.target.entitySetName(), List.copyOf(select), null, List.of(), identity);
    }

    private static List<String> sourceIdentityColumns(TableMapping mapping) {
        return mapping.match.isKey()
                ? mapping.match.keyColumns().stream().map(c -> TableMapping.sourceNameOf(mapping.plan, c)).toList()
                : List.of(mapping.source.table().primaryIdAttribute());
    }

    /** Rows the second pass patches: a deferred lookup is set, or the state is not the default one. */
    private static String needsPatch(TableMapping mapping, List<LookupRule> lookups, List<ColumnRule> state) {
        List<String> conditions = new ArrayList<>();
        lookups.forEach(l -> conditions.add("_" + l.source() + "_value ne null"));
        if (!state.isEmpty()) {
            String stateSource = state.stream().filter(c -> c.target().equals("statecode")).findFirst().orElseThrow().source();
            String statusSource = state.stream().filter(c -> c.target().equals("statuscode")).findFirst().orElseThrow().source();
            conditions.add(stateSource + " ne 0");
            if (mapping.defaultStatus != null) {
                conditions.add(statusSource + " ne " + mapping.defaultStatus);
            } else {
                conditions.add(statusSource + " ne null");
            }
        }
        return String.join(" or ", conditions);
    }

    private static String and(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        return "(" + a + ") and (" + b + ")";
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    // ---- many-to-many

    private List<PlannedRelationship> relationships(Plan plan, Map<String, Plan.Table> planTables,
            Map<String, TableMetadata> sourceMetadata, Map<String, TableMetadata> targetMetadata,
            Map<String, TableSummary> targetTables, List<Finding> findings) {
        if (plan.manyToMany().selection() == Plan.ManyToMany.Selection.NONE) {
            return List.of();
        }
        Map<String, ManyToManyRelationship> available = new LinkedHashMap<>();
        sourceMetadata.values().forEach(t -> t.manyToMany().forEach(r -> available.putIfAbsent(r.schemaName(), r)));
        Map<String, TableSummary> sourceTables = source.tables().stream()
                .collect(Collectors.toMap(TableSummary::logicalName, Function.identity(), (a, b) -> a));
        List<String> wanted = plan.manyToMany().selection() == Plan.ManyToMany.Selection.LISTED
                ? plan.manyToMany().relationships()
                : available.values().stream().filter(r -> planTables.containsKey(r.entity1())
                        && planTables.containsKey(r.entity2())).map(ManyToManyRelationship::schemaName).toList();
        List<String> intersects = new ArrayList<>();
        List<PlannedRelationship> relationships = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            String name = wanted.get(i);
            String path = plan.manyToMany().selection() == Plan.ManyToMany.Selection.LISTED ? "manyToMany[" + i + "]" : "manyToMany";
            ManyToManyRelationship relationship = available.get(name);
            if (relationship == null) {
                findings.add(Finding.error(path, "no many-to-many relationship '" + name + "' joins tables of the plan"));
                continue;
            }
            if (!planTables.containsKey(relationship.entity1()) || !planTables.containsKey(relationship.entity2())) {
                findings.add(Finding.error(path, "relationship '" + name + "' joins " + relationship.entity1() + " and "
                        + relationship.entity2() + ": both must be in the plan"));
                continue;
            }
            boolean inTarget = targetMetadata.get(relationship.entity1()).manyToMany().stream()
                    .anyMatch(r -> r.schemaName().equals(name));
            TableSummary intersect = sourceTables.get(relationship.intersectEntity());
            if (!inTarget || intersect == null) {
                findings.add(Finding.error(path, "relationship '" + name + "' " + (inTarget
                        ? "has no readable intersect table '" + relationship.intersectEntity() + "' in the source"
                        : "does not exist in the target")));
                continue;
            }
            for (String side : new LinkedHashSet<>(List.of(relationship.entity1(), relationship.entity2()))) {
                if (planTables.get(side).matchesByKey()) {
                    findings.add(Finding.error(path, "relationship '" + name + "' joins '" + side + "', which is matched"
                            + " by key: many-to-many associations are migrated between tables matched by id"));
                }
            }
            intersects.add(relationship.intersectEntity());
            TableJob.ManyToManyRule rule = new TableJob.ManyToManyRule(name, intersect.entitySetName(),
                    new TableJob.ManyToManyRule.Side(relationship.entity1(), relationship.entity1IntersectAttribute(),
                            targetTables.get(relationship.entity1()).entitySetName(), relationship.entity1NavigationProperty()),
                    new TableJob.ManyToManyRule.Side(relationship.entity2(), relationship.entity2IntersectAttribute(),
                            targetTables.get(relationship.entity2()).entitySetName(), relationship.entity2NavigationProperty()));
            TableJob job = new TableJob(relationship.intersectEntity(), intersect.primaryIdAttribute(),
                    relationship.entity1(), targetTables.get(relationship.entity1()).entitySetName(),
                    targetTables.get(relationship.entity1()).primaryIdAttribute(), TableJob.Action.ASSOCIATE,
                    Match.byId(), List.of(), List.of(),
                    Map.of(), TableJob.WriteOptions.defaults(), rule);
            List<String> select = List.of(relationship.entity1IntersectAttribute(), relationship.entity2IntersectAttribute());
            relationships.add(new PlannedRelationship(name, relationship.entity1(), relationship.entity2(),
                    intersect.entitySetName(), 0, new Work(job, new Query(intersect.entitySetName(), select, null,
                    List.of(), select), null)));
        }
        if (relationships.isEmpty()) {
            return relationships;
        }
        Map<String, Long> counts = source.rowCounts(intersects);
        return relationships.stream().map(r -> new PlannedRelationship(r.name(), r.table1(), r.table2(),
                r.intersectEntitySet(), counts.getOrDefault(r.work().job().sourceTable(), 0L), r.work())).toList();
    }

    // ---- the passes, as the preview lists them

    private static List<PassSummary> passes(List<PlannedTable> tables, List<PlannedRelationship> relationships) {
        List<PassSummary> passes = new ArrayList<>();
        passes.add(new PassSummary(Pass.DATA, "rows without deferred lookups, each table once its parents are loaded",
                tables.stream().map(PlannedTable::table).toList()));
        List<String> patched = tables.stream().filter(t -> t.work().containsKey(Pass.DEFERRED_LOOKUPS))
                .map(t -> t.deferred().isEmpty() ? t.table() + " (state and status)" : t.table() + " " + t.deferred())
                .toList();
        if (!patched.isEmpty()) {
            passes.add(new PassSummary(Pass.DEFERRED_LOOKUPS, "deferred lookups (and state/status) patched once their"
                    + " targets are loaded", patched));
        }
        if (!relationships.isEmpty()) {
            passes.add(new PassSummary(Pass.MANY_TO_MANY, "associations, once both tables are loaded",
                    relationships.stream().map(r -> r.name() + " (" + r.table1() + " ↔ " + r.table2() + ")").toList()));
        }
        List<String> deletes = tables.stream().filter(PlannedTable::deleteMissing).map(PlannedTable::table).toList();
        if (!deletes.isEmpty()) {
            passes.add(new PassSummary(Pass.DELETES, "target rows no longer in the source are deleted, children first",
                    deletes.reversed()));
        }
        passes.add(new PassSummary(Pass.VERIFY, "source rows after mapping compared with the target",
                tables.stream().map(PlannedTable::table).toList()));
        return passes;
    }
}
