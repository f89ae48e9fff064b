package io.dvmigrate.emulator.schema;

/** EntityKeyIndexStatus: only Active keys address rows and check uniqueness. */
public enum KeyStatus {
    Pending, InProgress, Active, Failed;

    public static KeyStatus parse(String name) {
        for (KeyStatus status : values()) {
            if (status.name().equalsIgnoreCase(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown key status '" + name + "' (Pending, InProgress, Active, Failed)");
    }
}
