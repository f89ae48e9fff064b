package io.dvmigrate.dataverse.metadata;

/** A column's {@code RequiredLevel.Value}. */
public enum RequiredLevel {
    NONE, SYSTEM_REQUIRED, APPLICATION_REQUIRED, RECOMMENDED;

    static RequiredLevel of(String value) {
        return switch (value == null ? "" : value) {
            case "SystemRequired" -> SYSTEM_REQUIRED;
            case "ApplicationRequired" -> APPLICATION_REQUIRED;
            case "Recommended" -> RECOMMENDED;
            default -> NONE;
        };
    }
}
