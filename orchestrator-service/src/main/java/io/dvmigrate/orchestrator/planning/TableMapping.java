package io.dvmigrate.orchestrator.planning;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Match;
import io.dvmigrate.contracts.TableJob.ColumnRule;
import io.dvmigrate.contracts.TableJob.KeyBinding;
import io.dvmigrate.contracts.TableJob.LookupRule;
import io.dvmigrate.contracts.TableJob.LookupTarget;
import io.dvmigrate.contracts.TableJob.PrincipalMap;
import io.dvmigrate.contracts.plan.Plan;
import io.dvmigrate.dataverse.metadata.AlternateKey;
import io.dvmigrate.dataverse.metadata.ColumnMetadata;
import io.dvmigrate.dataverse.metadata.ManyToOneRelationship;
import io.dvmigrate.dataverse.metadata.OptionValue;
import io.dvmigrate.dataverse.metadata.RequiredLevel;
import io.dvmigrate.dataverse.metadata.TableMetadata;
import io.dvmigrate.dataverse.metadata.TableSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How one table maps from the source to the target, and what the schema diff finds on the way: which columns are
 * copied (renamed, value-mapped), how each lookup binds, which alternate key identifies rows, and the lookups that
 * order the load. Every finding names its place in the plan file.
 */
final class TableMapping {
    /** Column types that hold no data a migration can write (computed, system, or handled elsewhere). */
    private static final Set<String> NOT_MIGRATED_TYPES = Set.of("Virtual", "EntityName", "CalendarRules",
            "ManagedProperty", "PartyList");
    private static final Set<String> NOT_MIGRATED_TYPE_NAMES = Set.of("ImageType", "FileType");
    private static final Set<String> STATE_COLUMNS = Set.of("statecode", "statuscode");
    private static final Set<String> PRINCIPAL_TABLES = Set.of("systemuser", "team");

    final String table;
    final String path;
    final Plan.Table plan;
    final TableMetadata source;
    final TableMetadata target;
    final Match match;
    final List<ColumnRule> columns = new ArrayList<>();
    final List<ColumnRule> state = new ArrayList<>();
    boolean stateOnCreate;
    Integer defaultStatus;
    final Map<String, LookupRule> lookups = new LinkedHashMap<>();
    final Map<String, JsonNode> defaults = new LinkedHashMap<>();
    final List<DependencyGraph.Lookup> edges = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();

    private final Context context;

    /**
     * What every table's mapping may look at: the plan's tables and the metadata of both environments.
     *
     * @param plan         the plan's migrated tables by name
     * @param source       source metadata of the plan's tables
     * @param target       target metadata of the plan's tables
     * @param targetTables every target table's summary (lookups may point outside the plan)
     * @param principals   how users, teams and business units map
     */
    record Context(Map<String, Plan.Table> plan, Map<String, TableMetadata> source, Map<String, TableMetadata> target,
            Map<String, TableSummary> targetTables, PrincipalMapping.Result principals) {
    }

    private TableMapping(Plan.Table plan, String path, Context context) {
        this.table = plan.table();
        this.path = path;
        this.plan = plan;
        this.source = context.source().get(table);
        this.target = context.target().get(table);
        this.context = context;
        this.match = resolveMatch();
    }

    /** Maps {@code plan}'s table, whose source and target metadata are in {@code context}. */
    static TableMapping of(Plan.Table plan, String path, Context context) {
        TableMapping mapping = new TableMapping(plan, path, context);
        mapping.mapColumns();
        mapping.checkValueMaps();
        mapping.checkDefaults();
        mapping.checkKeyColumnsAreMapped();
        return mapping;
    }

    // ---- match

    private Match resolveMatch() {
        if (!plan.matchesByKey()) {
            return Match.byId();
        }
        Optional<AlternateKey> key = target.keys().stream()
                .filter(k -> k.logicalName().equalsIgnoreCase(plan.keyName()) || k.schemaName().equalsIgnoreCase(plan.keyName()))
                .findFirst();
        if (key.isEmpty()) {
            findings.add(Finding.error(path + ".match.key", "alternate key '" + plan.keyName()
                    + "' does not exist on target table '" + table + "'" + (target.keys().isEmpty() ? " (it has no alternate key)"
                    : " (its keys: " + target.keys().stream().map(AlternateKey::logicalName).collect(Collectors.joining(", ")) + ")")));
            return Match.byId();
        }
        if (!key.get().isActive()) {
            findings.add(Finding.error(path + ".match.key", "alternate key '" + plan.keyName() + "' of target table '"
                    + table + "' is " + key.get().status().name().toLowerCase().replace('_', ' ')
                    + ", not active: Dataverse cannot upsert or bind by it until its index is built"));
        }
        return Match.byKey(key.get().logicalName(), key.get().attributes());
    }

    // ---- columns and lookups

    private void mapColumns() {
        Set<String> considered = new LinkedHashSet<>();
        if (plan.columns().isAuto()) {
            source.columns().stream().filter(this::migratable).map(ColumnMetadata::logicalName).forEach(considered::add);
        } else {
            for (int i = 0; i < plan.columns().include().size(); i++) {
                String name = plan.columns().include().get(i);
                if (requireSourceColumn(name, path + ".columns.include[" + i + "]")) {
                    considered.add(name);
                }
            }
        }
        for (int i = 0; i < plan.columns().exclude().size(); i++) {
            String name = plan.columns().exclude().get(i);
            if (requireSourceColumn(name, path + ".columns.exclude[" + i + "]")) {
                considered.remove(name);
            }
        }
        plan.columns().rename().forEach((from, to) -> {
            if (requireSourceColumn(from, path + ".columns.rename." + from)) {
                considered.add(from);
            }
        });

        for (String name : considered) {
            ColumnMetadata column = source.column(name).orElseThrow();
            String targetName = plan.columns().rename().getOrDefault(name, name);
            boolean named = !plan.columns().isAuto() || plan.columns().rename().containsKey(name);
            String at = plan.columns().rename().containsKey(name) ? path + ".columns.rename." + name : path + ".columns";
            Optional<ColumnMetadata> targetColumn = target.column(targetName);
            if (targetColumn.isEmpty()) {
                if (named) {
                    findings.add(Finding.error(at, "column '" + targetName + "' does not exist in target table '" + table + "'"));
                } else if (!column.primaryId()) {
                    findings.add(Finding.warning(at, "column '" + name + "' of source table '" + table
                            + "' does not exist in the target: not migrated"));
                }
                continue;
            }
            ColumnMetadata to = targetColumn.get();
            if (column.primaryId() || to.primaryId()) {
                continue; // the identity is written by the match, never as a plain column
            }
            if (!to.validForCreate() && !to.validForUpdate() && !STATE_COLUMNS.contains(targetName)) {
                if (named) {
                    findings.add(Finding.error(at, "column '" + targetName + "' of target table '" + table
                            + "' is read-only: Dataverse does not let anyone write it"));
                }
                continue;
            }
            if (!compatible(column, to)) {
                findings.add(Finding.error(at, "column '" + name + "' is " + column.type() + " in the source but '"
                        + targetName + "' is " + to.type() + " in the target"));
                continue;
            }
            if (column.isLookup()) {
                mapLookup(column, to);
            } else if (STATE_COLUMNS.contains(targetName)) {
                state.add(new ColumnRule(name, targetName, options(name)));
            } else {
                checkLength(column, to, at);
                checkOptions(column, to, at);
                columns.add(new ColumnRule(name, targetName, options(name)));
            }
        }
        completeStatePair();
    }

    private boolean migratable(ColumnMetadata column) {
        return column.validForRead() && !column.isShadow() && !NOT_MIGRATED_TYPES.contains(column.type())
                && (column.typeName() == null || !NOT_MIGRATED_TYPE_NAMES.contains(column.typeName()))
                && (column.validForCreate() || column.validForUpdate() || STATE_COLUMNS.contains(column.logicalName()));
    }

    private boolean requireSourceColumn(String name, String at) {
        Optional<ColumnMetadata> column = source.column(name);
        if (column.isEmpty()) {
            findings.add(Finding.error(at, "column '" + name + "' does not exist in source table '" + table + "'"));
            return false;
        }
        if (!column.get().validForRead() || column.get().isShadow()) {
            findings.add(Finding.error(at, "column '" + name + "' of source table '" + table + "' cannot be migrated"
                    + (column.get().isShadow() ? " (it mirrors '" + column.get().attributeOf().orElse("") + "'; map that column)"
                    : " (it cannot be read)")));
            return false;
        }
        return true;
    }

    private static boolean compatible(ColumnMetadata from, ColumnMetadata to) {
        if (from.type().equals(to.type()) || from.isLookup() && to.isLookup()) {
            return true;
        }
        return Set.of(from.type(), to.type()).equals(Set.of("String", "Memo"))
                || Set.of(from.type(), to.type()).equals(Set.of("Integer", "BigInt"))
                || Set.of(from.type(), to.type()).equals(Set.of("Decimal", "Double"));
    }

    private void checkLength(ColumnMetadata from, ColumnMetadata to, String at) {
        if (from.maxLength().isPresent() && to.maxLength().isPresent() && from.maxLength().get() > to.maxLength().get()) {
            findings.add(Finding.warning(at, "column '" + to.logicalName() + "' holds " + to.maxLength().get()
                    + " characters in the target but " + from.maxLength().get()
                    + " in the source: longer values are dead-lettered"));
        }
    }

    private void checkOptions(ColumnMetadata from, ColumnMetadata to, String at) {
        if (from.options().isEmpty() || to.options().isEmpty()) {
            return;
        }
        Map<Integer, Integer> map = plan.values().getOrDefault(from.logicalName(), Map.of());
        Set<Integer> targetValues = to.options().stream().map(OptionValue::value).collect(Collectors.toSet());
        Set<Integer> missing = new TreeSet<>();
        for (OptionValue option : from.options()) {
            int value = map.getOrDefault(option.value(), option.value());
            if (!targetValues.contains(value)) {
                missing.add(value);
            }
        }
        if (!missing.isEmpty()) {
            findings.add(Finding.warning(at, "option values " + missing + " of '" + from.logicalName()
                    + "' do not exist in the target: rows with them are dead-lettered (map them under values:)"));
        }
    }

    private Map<Integer, Integer> options(String sourceColumn) {
        return plan.values().getOrDefault(sourceColumn, Map.of());
    }

    /** statecode is always written with statuscode: mapping one maps both. */
    private void completeStatePair() {
        if (state.isEmpty()) {
            return;
        }
        for (String column : STATE_COLUMNS) {
            boolean mapped = state.stream().anyMatch(r -> r.target().equals(column));
            if (!mapped && source.column(column).isPresent() && target.column(column).isPresent()) {
                state.add(new ColumnRule(column, column, options(column)));
            }
        }
        state.sort(java.util.Comparator.comparing(ColumnRule::target));
        if (state.size() < 2) {
            findings.add(Finding.warning(path, "table '" + table + "' has no statecode/statuscode pair in both"
                    + " environments: state and status are not migrated"));
            state.clear();
            return;
        }
        stateOnCreate = target.column("statecode").map(ColumnMetadata::validForCreate).orElse(false);
        defaultStatus = target.column("statecode").flatMap(c -> c.options().stream()
                .filter(o -> o.value() == 0).findFirst()).flatMap(OptionValue::defaultStatus).orElse(null);
    }

    private void mapLookup(ColumnMetadata column, ColumnMetadata to) {
        String name = column.logicalName();
        List<String> targets = to.targets();
        if (!targets.isEmpty() && PRINCIPAL_TABLES.containsAll(targets)) {
            lookups.put(name, new LookupRule(name, to.logicalName(), targetsOf(to, targets, false), context.principals().owners()));
            return;
        }
        if (targets.equals(List.of("businessunit"))) {
            lookups.put(name, new LookupRule(name, to.logicalName(), targetsOf(to, targets, false), context.principals().businessUnits()));
            return;
        }
        if (targets.equals(List.of("transactioncurrency")) && !context.plan().containsKey("transactioncurrency")) {
            lookups.put(name, new LookupRule(name, to.logicalName(), targetsOf(to, targets, false), context.principals().currencies()));
            return;
        }
        Set<String> planTables = context.plan().keySet();
        List<String> outside = targets.stream().filter(t -> !planTables.contains(t) && !PRINCIPAL_TABLES.contains(t)).toList();
        if (!outside.isEmpty()) {
            findings.add(Finding.warning(path, "lookup '" + table + "." + name + "' can point to " + abbreviated(outside)
                    + ", not in the plan: such references are bound by id, and rows whose target lacks that row"
                    + " are dead-lettered (add the table to the plan, or exclude the column)"));
        }
        // a polymorphic lookup that may also point to users or teams maps those through the user mapping
        boolean reachesPrincipals = targets.stream().anyMatch(PRINCIPAL_TABLES::contains);
        lookups.put(name, new LookupRule(name, to.logicalName(), targetsOf(to, targets, true),
                reachesPrincipals ? context.principals().owners() : null));
        Set<String> inPlan = targets.stream().filter(planTables::contains).collect(Collectors.toSet());
        if (!inPlan.isEmpty()) {
            boolean required = to.requiredLevel() == RequiredLevel.SYSTEM_REQUIRED
                    || to.requiredLevel() == RequiredLevel.APPLICATION_REQUIRED;
            edges.add(new DependencyGraph.Lookup(table, name, inPlan, required));
        }
    }

    /** One binding per table the target lookup can point to, by key when that table is matched by key. */
    private List<LookupTarget> targetsOf(ColumnMetadata to, List<String> tables, boolean allowKeys) {
        List<LookupTarget> bindings = new ArrayList<>();
        for (String referenced : tables) {
            String navigation = navigation(target, to.logicalName(), referenced, tables.size());
            TableSummary summary = context.targetTables().get(referenced);
            if (summary == null) {
                findings.add(Finding.warning(path, "lookup '" + table + "." + to.logicalName() + "' points to '"
                        + referenced + "', which the target does not have: those references cannot be bound"));
                continue;
            }
            KeyBinding key = null;
            String sourceNavigation = null;
            Plan.Table referencedPlan = context.plan().get(referenced);
            if (allowKeys && referencedPlan != null && referencedPlan.matchesByKey()) {
                TableMetadata referencedTarget = context.target().get(referenced);
                TableMetadata referencedSource = context.source().get(referenced);
                Optional<AlternateKey> targetKey = referencedTarget == null ? Optional.empty() : referencedTarget.keys().stream()
                        .filter(k -> k.logicalName().equalsIgnoreCase(referencedPlan.keyName())).findFirst();
                if (targetKey.isPresent() && referencedSource != null) {
                    List<String> targetColumns = targetKey.get().attributes();
                    List<String> sourceColumns = targetColumns.stream().map(c -> sourceNameOf(referencedPlan, c)).toList();
                    key = new KeyBinding(sourceColumns, targetColumns);
                    sourceNavigation = navigation(source, to.logicalName(), referenced, tables.size());
                }
            }
            bindings.add(new LookupTarget(referenced, navigation, summary.entitySetName(), key, sourceNavigation));
        }
        return bindings;
    }

    private static String abbreviated(List<String> tables) {
        return tables.size() <= 5 ? tables.toString()
                : tables.subList(0, 5).toString().replace("]", ", and " + (tables.size() - 5) + " more]");
    }

    /** The source column a target column of {@code table} is copied from (renames inverted). */
    static String sourceNameOf(Plan.Table table, String targetColumn) {
        return table.columns().rename().entrySet().stream().filter(e -> e.getValue().equals(targetColumn))
                .map(Map.Entry::getKey).findFirst().orElse(targetColumn);
    }

    /**
     * The single-valued navigation property of {@code column} toward {@code referenced}, as the environment declares
     * it (case-sensitive). An owner lookup has one relationship (to the abstract {@code owner}) and one navigation
     * property for users and teams alike; without relationship metadata, Dataverse's own naming.
     */
    private static String navigation(TableMetadata metadata, String column, String referenced, int targetCount) {
        List<ManyToOneRelationship> relationships = metadata.relationshipsOf(column);
        return relationships.stream()
                .filter(r -> r.referencedEntity().equals(referenced))
                .map(ManyToOneRelationship::navigationProperty)
                .findFirst()
                .orElseGet(() -> relationships.size() == 1 ? relationships.get(0).navigationProperty()
                        : targetCount > 1 ? column + "_" + referenced : column);
    }

    // ---- checks of the plan's other per-table fields

    private void checkValueMaps() {
        plan.values().keySet().forEach(column -> {
            Optional<ColumnMetadata> metadata = source.column(column);
            if (metadata.isEmpty()) {
                findings.add(Finding.error(path + ".values." + column, "column '" + column
                        + "' does not exist in source table '" + table + "'"));
            } else if (metadata.get().options().isEmpty()) {
                findings.add(Finding.error(path + ".values." + column, "column '" + column + "' of source table '"
                        + table + "' is " + metadata.get().type() + ", not a choice column"));
            }
        });
    }

    private void checkDefaults() {
        plan.defaults().forEach((column, value) -> {
            Optional<ColumnMetadata> metadata = target.column(column);
            if (metadata.isEmpty()) {
                findings.add(Finding.error(path + ".defaults." + column, "column '" + column
                        + "' does not exist in target table '" + table + "'"));
            } else if (!metadata.get().validForCreate() && !metadata.get().validForUpdate()) {
                findings.add(Finding.error(path + ".defaults." + column, "column '" + column + "' of target table '"
                        + table + "' is read-only"));
            } else {
                defaults.put(column, value);
            }
        });
    }

    private void checkKeyColumnsAreMapped() {
        if (!match.isKey()) {
            return;
        }
        for (String keyColumn : match.keyColumns()) {
            boolean mapped = columns.stream().anyMatch(r -> r.target().equals(keyColumn));
            if (!mapped) {
                findings.add(Finding.error(path + ".match.key", "key column '" + keyColumn + "' of alternate key '"
                        + match.keyName() + "' is not mapped from the source, so rows cannot be matched by it"));
            }
        }
    }
}
