package io.dvmigrate.emulator.data;

import io.dvmigrate.emulator.schema.Column;

import java.util.Arrays;
import java.util.UUID;

/**
 * One stored row: its values by column ordinal and its version (the etag and change-tracking position).
 * Rows are never changed in place: a write stores a new Row, so a reader holding one sees a consistent row.
 * The array may be shorter than the table's width when columns were added after the row was written.
 */
public record Row(UUID id, Object[] values, long version) {

    public Object get(Column column) {
        int ordinal = column.ordinal();
        return ordinal < values.length ? values[ordinal] : null;
    }

    public Object get(int ordinal) {
        return ordinal < values.length ? values[ordinal] : null;
    }

    /** A copy of the values, widened to {@code width} columns, for building the next version of this row. */
    public Object[] copyValues(int width) {
        return Arrays.copyOf(values, Math.max(width, values.length));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && row.id.equals(id) && row.version == version
                && Arrays.equals(row.values, values);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Long.hashCode(version);
    }

    @Override
    public String toString() {
        return "Row[" + id + " v" + version + "]";
    }
}
