package io.dvmigrate.emulator.schema;

/** What deleting a referenced row does to the rows that point at it (CascadeConfiguration.Delete). */
public enum Cascade {
    /** Delete the referencing rows too. */
    Cascade,
    /** Clear the lookup on the referencing rows. */
    RemoveLink,
    /** Refuse the delete while referencing rows exist. */
    Restrict;

    public static Cascade parse(String name) {
        for (Cascade cascade : values()) {
            if (cascade.name().equalsIgnoreCase(name)) {
                return cascade;
            }
        }
        throw new IllegalArgumentException("unknown cascade '" + name + "' (Cascade, RemoveLink, Restrict)");
    }
}
