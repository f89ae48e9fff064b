package io.dvmigrate.contracts;

import java.util.List;

/**
 * Up to a few hundred rows of one table in one pass, numbered within the pass. A chunk maps one-to-one onto a bulk
 * write request, and the orchestrator's ledger counts each chunk once however often it is delivered.
 *
 * @param header what the rows are and how to treat them
 * @param rows   the rows: source rows as read, or rows in the target's wire form after the transformer
 */
public record Chunk(Header header, JsonRows rows) {

    /** Encoding version of {@link ChunkCodec}; a consumer refuses versions it does not know. */
    public static final int VERSION = 1;

    /**
     * @param id       run, table, pass and number
     * @param content  what the rows are
     * @param target   the environment the rows go to (a reference: no secret travels)
     * @param job      the mapping and write options of the table in this pass
     * @param rejected rows of this chunk that an earlier stage sent to the dead-letter topic, with the reason
     */
    public record Header(ChunkId id, Content content, EnvironmentRef target, TableJob job,
            List<RunEvent.RowFailure> rejected) {
        public Header {
            rejected = rejected == null ? List.of() : List.copyOf(rejected);
        }

        public Header withContent(Content newContent, List<RunEvent.RowFailure> newRejected) {
            return new Header(id, newContent, target, job, newRejected);
        }
    }

    public enum Content {
        /** rows as read from the source */
        SOURCE_ROWS,
        /** rows in the target's wire form, ready to write */
        TARGET_ROWS,
        /** identities (primary id, or key columns) of target rows that do not exist in the source */
        TARGET_ONLY
    }

    public ChunkId id() {
        return header.id();
    }
}
