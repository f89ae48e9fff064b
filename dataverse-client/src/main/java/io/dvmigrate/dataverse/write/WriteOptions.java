package io.dvmigrate.dataverse.write;

import io.dvmigrate.dataverse.config.Bypass;
import io.dvmigrate.dataverse.config.ConnectionSettings;
import java.util.Map;

/**
 * How to write a set of rows.
 *
 * @param mode           how rows are sent
 * @param maxBulkRows    most rows per bulk request; larger sets are split and sent concurrently
 * @param batchSize      most operations per {@code $batch} (at most 1,000)
 * @param isolateFailures bisect a failing bulk request until the rows that fail are isolated (the others are
 *                       written); when false, a failing bulk request fails all of its rows with its error
 * @param bypass         business logic these writes skip; null for the connection's own setting
 */
public record WriteOptions(WriteMode mode, int maxBulkRows, int batchSize, boolean isolateFailures, Bypass bypass) {

    public static final WriteOptions DEFAULT = new WriteOptions(WriteMode.AUTO, 1000, 100, true, null);

    public WriteOptions {
        if (maxBulkRows < 1 || batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("maxBulkRows must be at least 1 and batchSize 1 to 1000, were "
                    + maxBulkRows + " and " + batchSize);
        }
    }

    public static WriteOptions of(WriteMode mode) {
        return new WriteOptions(mode, DEFAULT.maxBulkRows, DEFAULT.batchSize, true, null);
    }

    public WriteOptions withMode(WriteMode other) {
        return new WriteOptions(other, maxBulkRows, batchSize, isolateFailures, bypass);
    }

    public WriteOptions withMaxBulkRows(int rows) {
        return new WriteOptions(mode, rows, batchSize, isolateFailures, bypass);
    }

    public WriteOptions withBatchSize(int operations) {
        return new WriteOptions(mode, maxBulkRows, operations, isolateFailures, bypass);
    }

    /** These writes skip {@code skipped} business logic, whatever the connection says. */
    public WriteOptions withBypass(Bypass skipped) {
        return new WriteOptions(mode, maxBulkRows, batchSize, isolateFailures, skipped);
    }

    /** The bypass headers of these writes on a connection with {@code settings}. */
    public Map<String, String> bypassHeaders(ConnectionSettings settings) {
        return (bypass != null ? bypass : settings.bypass()).headers();
    }

    public WriteOptions withoutIsolation() {
        return new WriteOptions(mode, maxBulkRows, batchSize, false, bypass);
    }
}
