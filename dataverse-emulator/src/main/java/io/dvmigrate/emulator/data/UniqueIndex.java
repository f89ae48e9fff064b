package io.dvmigrate.emulator.data;

import io.dvmigrate.emulator.schema.Column;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A unique index over some columns of a table: an Active alternate key, or the pair of ids of an intersect table.
 * Keys compare as {@link Values#compare} does, so text is matched case-insensitively (SQL Server's default
 * collation) without storing lower-cased copies. Rows with a null in any of the columns are not indexed.
 */
final class UniqueIndex {
    private static final Comparator<Object> ORDER = UniqueIndex::compareKeys;

    private final String name;
    private final int[] ordinals;
    private final TreeMap<Object, UUID> entries = new TreeMap<>(ORDER);

    UniqueIndex(String name, List<Column> columns) {
        this.name = name;
        this.ordinals = columns.stream().mapToInt(Column::ordinal).toArray();
    }

    String name() {
        return name;
    }

    /** The indexed value of a row (the value itself for one column, a list for several), or null when one is null. */
    Object keyOf(Object[] values) {
        if (ordinals.length == 1) {
            return ordinals[0] < values.length ? values[ordinals[0]] : null;
        }
        Object[] key = new Object[ordinals.length];
        for (int i = 0; i < ordinals.length; i++) {
            Object value = ordinals[i] < values.length ? values[ordinals[i]] : null;
            if (value == null) {
                return null;
            }
            key[i] = value;
        }
        return Arrays.asList(key);
    }

    /** The key of values given in the index's column order. */
    Object keyOf(List<Object> values) {
        return values.size() == 1 ? values.get(0) : values;
    }

    UUID find(Object key) {
        return key == null ? null : entries.get(key);
    }

    /** The id of another row holding the same key, or null when {@code id} may take it. */
    UUID conflict(UUID id, Object[] values) {
        UUID holder = find(keyOf(values));
        return holder == null || holder.equals(id) ? null : holder;
    }

    void add(UUID id, Object[] values) {
        Object key = keyOf(values);
        if (key != null) {
            entries.put(key, id);
        }
    }

    void remove(UUID id, Object[] values) {
        Object key = keyOf(values);
        if (key != null) {
            entries.remove(key, id);
        }
    }

    private static int compareKeys(Object left, Object right) {
        if (left instanceof List<?> a && right instanceof List<?> b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int order = Values.compare(a.get(i), b.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
        return Values.compare(left, right);
    }
}
