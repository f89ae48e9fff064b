package io.dvmigrate.contracts;

import java.util.List;
import java.util.UUID;

/**
 * What the extractor, transformer and loader report about a run. Each travels as a CloudEvent (Kafka binary
 * binding, {@code ce_} headers) whose type is {@link #type()} and whose data is the record as JSON, so anyone can
 * follow a run from the topic.
 */
public sealed interface RunEvent {
    String TYPE_PREFIX = "io.dvmigrate.";

    UUID run();

    String table();

    Pass pass();

    /** The CloudEvents {@code type}, versioned: a breaking change to a record gets a new type. */
    String type();

    /** The CloudEvents {@code subject}: {@code run/table/pass}, plus {@code /chunk} for chunk events. */
    default String subject() {
        return run() + "/" + table() + "/" + pass();
    }

    /** The extractor started reading; {@code estimatedRows} is the source's row count when it could tell. */
    record ExtractStarted(UUID run, String table, Pass pass, long estimatedRows) implements RunEvent {
        public static final String TYPE = TYPE_PREFIX + "extract.started.v1";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Every chunk of the pass is on the broker; the table's pass is done once {@code chunks} chunks are loaded. */
    record ExtractCompleted(UUID run, String table, Pass pass, int chunks, long rows) implements RunEvent {
        public static final String TYPE = TYPE_PREFIX + "extract.completed.v1";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** The extractor could not read the table (credentials, reachability, a query the source refused). */
    record ExtractFailed(UUID run, String table, Pass pass, ErrorInfo error) implements RunEvent {
        public static final String TYPE = TYPE_PREFIX + "extract.failed.v1";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * The loader has written a chunk (or found its rows failing) and is about to commit it.
     *
     * @param rows     rows the chunk held when the extractor emitted it
     * @param written  rows written (created, updated, patched, associated or deleted)
     * @param failed   rows sent to the dead-letter topic, by the transformer or the loader
     * @param failures the failed rows' ids and errors
     */
    record ChunkLoaded(UUID run, String table, Pass pass, int chunk, int rows, int written, int failed,
            List<RowFailure> failures) implements RunEvent {
        public static final String TYPE = TYPE_PREFIX + "chunk.loaded.v1";

        public ChunkLoaded {
            failures = failures == null ? List.of() : List.copyOf(failures);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return RunEvent.super.subject() + "/" + chunk;
        }
    }

    /**
     * The loader compared a chunk of the verify pass with the target.
     *
     * @param rows      rows compared
     * @param matched   rows equal in source and target
     * @param missing   ids or keys of source rows absent from the target
     * @param differing rows present in both whose mapped columns differ
     * @param extra     ids or keys of target rows absent from the source
     */
    record ChunkVerified(UUID run, String table, Pass pass, int chunk, int rows, int matched, List<String> missing,
            List<RowDifference> differing, List<String> extra) implements RunEvent {
        public static final String TYPE = TYPE_PREFIX + "chunk.verified.v1";

        public ChunkVerified {
            missing = missing == null ? List.of() : List.copyOf(missing);
            differing = differing == null ? List.of() : List.copyOf(differing);
            extra = extra == null ? List.of() : List.copyOf(extra);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return RunEvent.super.subject() + "/" + chunk;
        }
    }

    /**
     * The loader could not process a chunk at all (for example the verify pass could not read the target): the
     * table's pass fails with this error, naming what to fix.
     */
    record ChunkFailed(UUID run, String table, Pass pass, int chunk, ErrorInfo error) implements RunEvent {
        public static final String TYPE = TYPE_PREFIX + "chunk.failed.v1";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return RunEvent.super.subject() + "/" + chunk;
        }
    }

    /** A row that went to the dead-letter topic, and why. */
    record RowFailure(String id, ErrorInfo error) {
    }

    /**
     * A row whose mapped columns differ between source and target.
     *
     * @param columns the differing columns, with both values, for a sample of rows; empty beyond the sample
     */
    record RowDifference(String id, List<ColumnDifference> columns) {
        public RowDifference {
            columns = columns == null ? List.of() : List.copyOf(columns);
        }
    }

    /** One differing column: the value the mapping expects and the value the target has. */
    record ColumnDifference(String column, String expected, String actual) {
    }
}
