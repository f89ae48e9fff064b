package io.dvmigrate.dataverse.write;

/** What a write does to each row. */
public enum WriteOperation {
    /** Create the row or update it if it exists: by its primary id, or by the alternate key in its {@code @odata.id}. */
    UPSERT("UpsertMultiple"),
    /** Create the row (with its primary id if it carries one). */
    CREATE("CreateMultiple"),
    /** Update an existing row; a missing row is a failure, never a create. */
    UPDATE("UpdateMultiple");

    private final String bulkMessage;

    WriteOperation(String bulkMessage) {
        this.bulkMessage = bulkMessage;
    }

    /** The bulk action bound to the entity set, for example {@code UpsertMultiple}. */
    public String bulkMessage() {
        return bulkMessage;
    }
}
