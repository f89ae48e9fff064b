package io.dvmigrate.emulator.schema;

/** OwnershipTypes: who owns the rows of a table. User-owned tables carry ownerid and the owning* columns. */
public enum OwnershipType {
    UserOwned, OrganizationOwned, None;

    public static OwnershipType parse(String name) {
        for (OwnershipType type : values()) {
            if (type.name().equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown ownership type '" + name + "' (UserOwned, OrganizationOwned, None)");
    }
}
