package io.dvmigrate.dataverse.write;

/**
 * How to write a set of rows.
 *
 * @param mode           how rows are sent
 * @param maxBulkRows    most rows per bulk request; larger sets are split and sent concurrently
 * @param batchSize      most operations per {@code $batch} (at most 1,000)
 * @param isolateFailures bisect a failing bulk request until the rows that fail are isolated (the others are
 *                       written); when false, a failing bulk request fails all of its rows with its error
 */
public record WriteOptions(WriteMode mode, int maxBulkRows, int batchSize, boolean isolateFailures) {

    public static final WriteOptions DEFAULT = new WriteOptions(WriteMode.AUTO, 1000, 100, true);

    public WriteOptions {
        if (maxBulkRows < 1 || batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("maxBulkRows must be at least 1 and batchSize 1 to 1000, were "
                    + maxBulkRows + " and " + batchSize);
        }
    }

    public static WriteOptions of(WriteMode mode) {
        return new WriteOptions(mode, DEFAULT.maxBulkRows, DEFAULT.batchSize, true);
    }

    public WriteOptions withMode(WriteMode other) {
        return new WriteOptions(other, maxBulkRows, batchSize, isolateFailures);
    }

    public WriteOptions withMaxBulkRows(int rows) {
        return new WriteOptions(mode, rows, batchSize, isolateFailures);
    }

    public WriteOptions withBatchSize(int operations) {
        return new WriteOptions(mode, maxBulkRows, operations, isolateFailures);
    }

    public WriteOptions withoutIsolation() {
        return new WriteOptions(mode, maxBulkRows, batchSize, false);
    }
}
