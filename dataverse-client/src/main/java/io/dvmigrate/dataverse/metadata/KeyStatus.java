package io.dvmigrate.dataverse.metadata;

/** An alternate key's {@code EntityKeyIndexStatus}: only {@link #ACTIVE} keys can be used to upsert or bind. */
public enum KeyStatus {
    PENDING, IN_PROGRESS, ACTIVE, FAILED, UNKNOWN;

    static KeyStatus of(String value) {
        return switch (value == null ? "" : value) {
            case "Pending", "0" -> PENDING;
            case "InProgress", "1" -> IN_PROGRESS;
            case "Active", "2" -> ACTIVE;
            case "Failed", "3" -> FAILED;
            default -> UNKNOWN;
        };
    }
}
