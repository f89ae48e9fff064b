package io.dvmigrate.orchestrator.run;

import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.orchestrator.planning.CompiledPlan;
import io.dvmigrate.orchestrator.planning.CompiledPlan.PlannedRelationship;
import io.dvmigrate.orchestrator.planning.CompiledPlan.PlannedTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * When each table's pass may start, given where every other one is. A table's data starts as soon as its own
 * parents are loaded (not when a whole tier is done); its deferred lookups once the tables they point to are loaded;
 * a many-to-many relationship once both of its tables are; deletes after every write, children before parents; verify
 * last.
 */
final class ReleaseRules {
    /** Where a table's pass is: only whether it is finished matters here. */
    record Step(String table, Pass pass, boolean waiting, boolean loaded) {
    }

    private final CompiledPlan plan;
    private final Map<String, PlannedTable> tables;
    private final Set<String> relationships;

    ReleaseRules(CompiledPlan plan) {
        this.plan = plan;
        this.tables = plan.tables().stream().collect(Collectors.toMap(PlannedTable::table, Function.identity()));
        this.relationships = plan.manyToMany().stream().map(PlannedRelationship::name).collect(Collectors.toSet());
    }

    /** The waiting steps whose prerequisites are all loaded. */
    List<Step> ready(List<Step> steps) {
        Set<String> loaded = new HashSet<>();
        Set<String> unfinished = new HashSet<>();
        for (Step step : steps) {
            (step.loaded() ? loaded : unfinished).add(key(step.table(), step.pass()));
        }
        List<Step> ready = new ArrayList<>();
        for (Step step : steps) {
            if (step.waiting() && step.pass() != Pass.REPLAY && prerequisites(step).stream().allMatch(loaded::contains)
                    && (step.pass() != Pass.VERIFY || onlyVerifyLeft(steps))
                    && (step.pass() != Pass.DELETES || writesDone(steps))) {
                ready.add(step);
            }
        }
        return ready;
    }

    private List<String> prerequisites(Step step) {
        List<String> keys = new ArrayList<>();
        switch (step.pass()) {
            case DATA -> tables.get(step.table()).after().forEach(parent -> keys.add(key(parent, Pass.DATA)));
            case DEFERRED_LOOKUPS -> {
                keys.add(key(step.table(), Pass.DATA));
                TableJob job = tables.get(step.table()).work().get(Pass.DEFERRED_LOOKUPS).job();
                job.lookups().stream().flatMap(l -> l.targets().stream())
                        .filter(t -> tables.containsKey(t.table()))
                        .forEach(t -> keys.add(key(t.table(), Pass.DATA)));
            }
            case MANY_TO_MANY -> plan.manyToMany().stream().filter(r -> r.name().equals(step.table())).findFirst()
                    .ifPresent(r -> {
                        keys.add(key(r.table1(), Pass.DATA));
                        keys.add(key(r.table2(), Pass.DATA));
                    });
            case DELETES -> children(step.table()).stream()
                    .filter(child -> tables.get(child).deleteMissing())
                    .forEach(child -> keys.add(key(child, Pass.DELETES)));
            default -> { }
        }
        return keys;
    }

    /** Tables whose lookups point to {@code table}: their rows are deleted before its rows. */
    private List<String> children(String table) {
        return plan.tables().stream()
                .filter(t -> !t.table().equals(table))
                .filter(t -> t.work().get(Pass.VERIFY).job().lookups().stream()
                        .anyMatch(l -> l.targets().stream().anyMatch(target -> target.table().equals(table))))
                .map(PlannedTable::table)
                .toList();
    }

    private static boolean writesDone(List<Step> steps) {
        return steps.stream().filter(s -> s.pass() == Pass.DATA || s.pass() == Pass.DEFERRED_LOOKUPS
                || s.pass() == Pass.MANY_TO_MANY).allMatch(Step::loaded);
    }

    private static boolean onlyVerifyLeft(List<Step> steps) {
        return steps.stream().filter(s -> s.pass() != Pass.VERIFY).allMatch(Step::loaded);
    }

    boolean isRelationship(String name) {
        return relationships.contains(name);
    }

    static String key(String table, Pass pass) {
        return table + "/" + pass;
    }
}
