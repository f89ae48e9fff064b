package io.dvmigrate.contracts;

/**
 * The passes of a run, in the order a table goes through them. Each pass of each table is extracted, transformed and
 * loaded as its own stream of chunks.
 */
public enum Pass {
    /** Rows without their deferred lookup columns, upserted parents before children. */
    DATA,
    /** Only the lookup columns deferred to break cycles, patched once every table they point to is loaded. */
    DEFERRED_LOOKUPS,
    /** Many-to-many associations, read from the intersect table and associated with $ref. */
    MANY_TO_MANY,
    /** Target rows whose id or key no longer exists in the source are deleted. */
    DELETES,
    /** Source rows after mapping are compared with the target: missing, extra and differing rows. */
    VERIFY,
    /** Dead-lettered rows driven through the loader again once their cause is fixed. */
    REPLAY
}
