package io.dvmigrate.emulator.data;

import io.dvmigrate.emulator.schema.AlternateKey;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.KeyStatus;
import io.dvmigrate.emulator.schema.Table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The rows of one table, ordered by primary id (the default order of reads and the position of paging cookies),
 * with unique indexes for Active alternate keys and the deletions change tracking reports.
 * Not thread-safe: the environment's {@link Store} lock guards it.
 */
public final class TableData {
    /** The unique index that keeps an intersect table from relating the same pair twice. */
    public static final String PAIR_INDEX = "$pair";

    private final Table table;
    private final TreeMap<UUID, Row> rows = new TreeMap<>();
    private final Map<String, UniqueIndex> indexes = new LinkedHashMap<>();
    private final List<Column> pairColumns;
    private final ArrayList<Tombstone> tombstones = new ArrayList<>();

    TableData(Table table, List<Column> pairColumns) {
        this.table = table;
        this.pairColumns = pairColumns;
        rebuildIndexes();
    }

    public Table table() {
        return table;
    }

    public int size() {
        return rows.size();
    }

    public Row get(UUID id) {
        return rows.get(id);
    }

    public Collection<Row> rows() {
        return rows.values();
    }

    /** The rows after {@code cursor} in id order, or all rows when the cursor is null. */
    public NavigableMap<UUID, Row> rowsAfter(UUID cursor) {
        return cursor == null ? rows : rows.tailMap(cursor, false);
    }

    /** The id of the row whose key columns hold {@code values} (in the key's column order), or null. */
    public UUID findByKey(String keyName, List<Object> values) {
        UniqueIndex index = indexes.get(keyName);
        if (index == null) {
            return null;
        }
        return index.find(index.keyOf(values));
    }

    /** The name of an index another row already holds these values in, or null. */
    public String uniqueConflict(UUID id, Object[] values) {
        for (UniqueIndex index : indexes.values()) {
            if (index.conflict(id, values) != null) {
                return index.name();
            }
        }
        return null;
    }

    /** Stores a row (insert or replace) and returns the one it replaced. The caller checked uniqueness. */
    public Row put(Row row) {
        Row previous = rows.put(row.id(), row);
        for (UniqueIndex index : indexes.values()) {
            if (previous != null) {
                index.remove(previous.id(), previous.values());
            }
            index.add(row.id(), row.values());
        }
        return previous;
    }

    /** Removes a row, remembering its deletion at {@code version}. Returns the removed row, or null. */
    public Row remove(UUID id, long version) {
        Row removed = unindex(id);
        if (removed != null) {
            tombstones.add(new Tombstone(id, version));
        }
        return removed;
    }

    /** Puts back what a rolled-back transaction changed: {@code previous}, or nothing when the row was new. */
    void restore(UUID id, Row previous) {
        if (previous == null) {
            unindex(id);
        } else {
            put(previous);
        }
    }

    private Row unindex(UUID id) {
        Row removed = rows.remove(id);
        if (removed != null) {
            for (UniqueIndex index : indexes.values()) {
                index.remove(id, removed.values());
            }
        }
        return removed;
    }

    int tombstoneCount() {
        return tombstones.size();
    }

    void truncateTombstones(int size) {
        while (tombstones.size() > size) {
            tombstones.remove(tombstones.size() - 1);
        }
    }

    /** Deletions after {@code version} up to and including {@code upTo}, oldest first. */
    public List<Tombstone> tombstonesBetween(long version, long upTo) {
        List<Tombstone> found = new ArrayList<>();
        for (Tombstone tombstone : tombstones) {
            if (tombstone.version() > version && tombstone.version() <= upTo) {
                found.add(tombstone);
            }
        }
        return found;
    }

    /**
     * Re-creates the unique indexes from the table's Active keys. A key whose values are not unique over the
     * stored rows becomes Failed, as Dataverse's index job does.
     */
    public void rebuildIndexes() {
        indexes.clear();
        if (!pairColumns.isEmpty()) {
            indexes.put(PAIR_INDEX, fill(new UniqueIndex(PAIR_INDEX, pairColumns)));
        }
        for (AlternateKey key : table.keys()) {
            if (key.status() != KeyStatus.Active && key.status() != KeyStatus.Pending) {
                continue;
            }
            List<Column> columns = key.columns().stream().map(table::requireColumn).toList();
            UniqueIndex index = new UniqueIndex(key.logicalName(), columns);
            boolean unique = true;
            for (Row row : rows.values()) {
                if (index.conflict(row.id(), row.values()) != null) {
                    unique = false;
                    break;
                }
                index.add(row.id(), row.values());
            }
            if (unique) {
                indexes.put(key.logicalName(), index);
            }
            KeyStatus status = unique ? KeyStatus.Active : KeyStatus.Failed;
            if (status != key.status()) {
                table.putKey(key.withStatus(status));
            }
        }
    }

    private UniqueIndex fill(UniqueIndex index) {
        for (Row row : rows.values()) {
            index.add(row.id(), row.values());
        }
        return index;
    }
}
