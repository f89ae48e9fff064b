package io.dvmigrate.emulator.data;

import io.dvmigrate.emulator.schema.Column;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A unique index over some columns of a table: an Active alternate key, or the pair of ids of an intersect table.
 * Rows with a null in any of the columns are not indexed.
 */
final class UniqueIndex {
    private final String name;
    private final int[] ordinals;
    private final Map<List<Object>, UUID> entries = new HashMap<>();

    UniqueIndex(String name, List<Column> columns) {
        this.name = name;
        this.ordinals = columns.stream().mapToInt(Column::ordinal).toArray();
    }

    String name() {
        return name;
    }

    /** The indexed values of a row, or null when one of them is null. */
    List<Object> keyOf(Object[] values) {
        Object[] key = new Object[ordinals.length];
        for (int i = 0; i < ordinals.length; i++) {
            Object value = ordinals[i] < values.length ? values[ordinals[i]] : null;
            if (value == null) {
                return null;
            }
            key[i] = normalise(value);
        }
        return Arrays.asList(key);
    }

    /** Keys compare case-insensitively, as SQL Server's default collation does. */
    static Object normalise(Object value) {
        if (value instanceof String text) {
            return text.toLowerCase(java.util.Locale.ROOT);
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        if (value instanceof Ref ref) {
            return ref.id();
        }
        return value;
    }

    UUID find(List<Object> key) {
        return key == null ? null : entries.get(key);
    }

    /** The id of another row holding the same key, or null when {@code id} may take it. */
    UUID conflict(UUID id, Object[] values) {
        UUID holder = find(keyOf(values));
        return holder == null || holder.equals(id) ? null : holder;
    }

    void add(UUID id, Object[] values) {
        List<Object> key = keyOf(values);
        if (key != null) {
            entries.put(key, id);
        }
    }

    void remove(UUID id, Object[] values) {
        List<Object> key = keyOf(values);
        if (key != null) {
            entries.remove(key, id);
        }
    }
}
