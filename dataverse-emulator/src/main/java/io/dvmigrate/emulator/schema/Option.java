package io.dvmigrate.emulator.schema;

/**
 * One choice of an option set. A state option names its default status; a status option names the state it
 * belongs to. {@code state} and {@code defaultStatus} are null where they do not apply.
 */
public record Option(int value, String label, Integer state, Integer defaultStatus, String invariantName) {

    public static Option of(int value, String label) {
        return new Option(value, label, null, null, null);
    }

    public static Option state(int value, String label, int defaultStatus) {
        return new Option(value, label, null, defaultStatus, label.replace(" ", ""));
    }

    public static Option status(int value, String label, int state) {
        return new Option(value, label, state, null, null);
    }
}
