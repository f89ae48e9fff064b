package io.dvmigrate.contracts.plan;

/**
 * One mistake in a plan: where ({@code tables[2].columns.rename.foo}) and what.
 */
public record PlanError(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
