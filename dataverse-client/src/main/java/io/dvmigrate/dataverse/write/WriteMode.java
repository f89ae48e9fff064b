package io.dvmigrate.dataverse.write;

/** How rows are sent. */
public enum WriteMode {
    /** The bulk message when the table supports it, else {@code $batch}. */
    AUTO,
    /** {@code CreateMultiple}/{@code UpdateMultiple}/{@code UpsertMultiple}: one transaction per request. */
    BULK,
    /** {@code $batch} with {@code odata.continue-on-error}: one operation per row, each answered on its own. */
    BATCH,
    /** One request per row. */
    SINGLE
}
