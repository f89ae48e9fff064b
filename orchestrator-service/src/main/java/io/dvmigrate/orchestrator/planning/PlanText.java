package io.dvmigrate.orchestrator.planning;

import io.dvmigrate.orchestrator.planning.CompiledPlan.PassSummary;
import io.dvmigrate.orchestrator.planning.CompiledPlan.PlannedRelationship;
import io.dvmigrate.orchestrator.planning.CompiledPlan.PlannedTable;
import java.util.List;
import java.util.Locale;

/** The plan preview as people read it: order, deferred lookups, many-to-many, users, passes, warnings, errors. */
public final class PlanText {
    private PlanText() {
    }

    public static String render(CompiledPlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("Plan '").append(plan.name()).append("'\n");
        if (!plan.tables().isEmpty()) {
            out.append("\nLoad order (a table starts as soon as the tables it waits for are loaded):\n");
            int width = plan.tables().stream().mapToInt(t -> t.table().length()).max().orElse(10);
            for (PlannedTable table : plan.tables()) {
                out.append(String.format(Locale.ROOT, "  tier %-2d %-" + width + "s %10s rows", table.tier(),
                        table.table(), String.format(Locale.ROOT, "%,d", table.estimatedRows())));
                if (!table.after().isEmpty()) {
                    out.append("   after ").append(String.join(", ", table.after()));
                }
                if (!table.deferred().isEmpty()) {
                    out.append("   deferred: ").append(String.join(", ", table.deferred()));
                }
                if (!table.match().equals("id")) {
                    out.append("   match ").append(table.match());
                }
                out.append('\n');
            }
        }
        if (!plan.manyToMany().isEmpty()) {
            out.append("\nMany-to-many:\n");
            for (PlannedRelationship relationship : plan.manyToMany()) {
                out.append(String.format(Locale.ROOT, "  %s (%s ↔ %s) %,d pairs%n", relationship.name(),
                        relationship.table1(), relationship.table2(), relationship.estimatedRows()));
            }
        }
        if (plan.users() != null) {
            CompiledPlan.UserMapping users = plan.users();
            out.append(String.format(Locale.ROOT, "%nUsers (by %s): %d of %d users and %d of %d teams mapped, %d of %d"
                            + " business units; fallback owner: %s%n", users.match(), users.usersMapped(), users.users(),
                    users.teamsMapped(), users.teams(), users.businessUnitsMapped(), users.businessUnits(),
                    users.fallbackOwner() == null ? "none (unmapped owners are dead-lettered)" : users.fallbackOwner()));
        }
        if (!plan.passes().isEmpty()) {
            out.append("\nPasses:\n");
            int number = 1;
            for (PassSummary pass : plan.passes()) {
                out.append("  ").append(number++).append(". ").append(pass.pass()).append(": ").append(pass.description())
                        .append("\n     ").append(String.join(", ", pass.items())).append('\n');
            }
        }
        section(out, "Warnings", plan.warnings());
        section(out, "Errors", plan.errors());
        out.append(plan.hasErrors() ? "\nThe plan has errors: nothing will run until they are fixed.\n"
                : "\nThe plan is ready to run.\n");
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append(" (").append(findings.size()).append("):\n");
        findings.forEach(f -> out.append("  ").append(f).append('\n'));
    }
}
