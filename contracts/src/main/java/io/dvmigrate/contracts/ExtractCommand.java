package io.dvmigrate.contracts;

import java.util.List;
import java.util.UUID;

/**
 * Orchestrator → extractor: read one table for one pass of a run and emit it as numbered chunks.
 *
 * <p>What is read depends on the pass: the source rows the mapping needs ({@link Pass#DATA},
 * {@link Pass#DEFERRED_LOOKUPS}, {@link Pass#MANY_TO_MANY}, {@link Pass#VERIFY}), and for {@link Pass#DELETES} and
 * {@link Pass#VERIFY} also the target rows whose id or key is not in the source ({@code targetQuery}).
 *
 * @param run         the run
 * @param table       the table's logical name in the plan (the source's)
 * @param pass        the pass
 * @param source      where the source is
 * @param target      where the target is
 * @param query       what to read from the source; null when the pass reads only the target
 * @param targetQuery what to read from the target (ids or key columns only); null when not needed
 * @param job         the mapping and write options, copied into every chunk
 * @param chunkRows   the most rows in a chunk
 * @param chunkBytes  the most bytes of row JSON in a chunk
 */
public record ExtractCommand(
        UUID run,
        String table,
        Pass pass,
        EnvironmentRef source,
        EnvironmentRef target,
        Query query,
        Query targetQuery,
        TableJob job,
        int chunkRows,
        int chunkBytes) {

    public static final int DEFAULT_CHUNK_ROWS = 500;
    public static final int DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

    /**
     * An OData read of one entity set.
     *
     * @param entitySet the entity set
     * @param select    the columns; the primary id is always returned
     * @param filter    an OData {@code $filter}, or null
     * @param expand    single-valued navigation properties to expand (to read a parent's alternate-key values)
     * @param idColumns the columns that identify a row: the primary id, or the alternate key's columns
     */
    public record Query(String entitySet, List<String> select, String filter, List<Expand> expand,
            List<String> idColumns) {
        public Query {
            select = select == null ? List.of() : List.copyOf(select);
            expand = expand == null ? List.of() : List.copyOf(expand);
            idColumns = idColumns == null ? List.of() : List.copyOf(idColumns);
        }
    }

    /** {@code $expand=<navigationProperty>($select=<select>)}. */
    public record Expand(String navigationProperty, List<String> select) {
        public Expand {
            select = List.copyOf(select);
        }
    }

    /** The chunk coordinates shared by everything this command produces. */
    public ChunkId chunk(int number) {
        return new ChunkId(run, table, pass, number);
    }
}
