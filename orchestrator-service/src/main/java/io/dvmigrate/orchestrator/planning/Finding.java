package io.dvmigrate.orchestrator.planning;

/**
 * Something the plan preview tells the user. Errors block a run; warnings are shown.
 *
 * @param path where in the plan file it comes from ({@code tables[2].columns.rename.foo}), or a table's name
 */
public record Finding(Severity severity, String path, String message) {
    public enum Severity { ERROR, WARNING }

    public static Finding error(String path, String message) {
        return new Finding(Severity.ERROR, path, message);
    }

    public static Finding warning(String path, String message) {
        return new Finding(Severity.WARNING, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
