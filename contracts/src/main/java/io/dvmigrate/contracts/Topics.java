package io.dvmigrate.contracts;

/**
 * Default names of the topics that connect the services. Every service reads the actual names from its configuration
 * ({@code dvm.topics.*}), so several deployments can share one cluster.
 */
public final class Topics {
    /** orchestrator → extractor: {@link ExtractCommand}. */
    public static final String EXTRACT_COMMANDS = "dvm.extract.commands";
    /** extractor → transformer: {@link Chunk}s of source rows. */
    public static final String RECORDS_EXTRACTED = "dvm.records.extracted";
    /** transformer → loader: {@link Chunk}s of rows in the target's wire form. */
    public static final String RECORDS_MAPPED = "dvm.records.mapped";
    /** extractor, transformer, loader → orchestrator: {@link RunEvent}s as CloudEvents. */
    public static final String RUN_EVENTS = "dvm.run.events";
    /** rows that could not be transformed or written, with the error in headers ({@link DeadLetter}). */
    public static final String DEAD_LETTER = "dvm.records.dead-letter";

    private Topics() {
    }
}
