package io.dvmigrate.dataverse.batch;

/** What a {@code $batch} holds: single operations and atomic change sets, run in order. */
public sealed interface BatchItem permits BatchOperation, ChangeSet {
}
