package io.dvmigrate.emulator.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A table (EntityMetadata). Its columns and keys can grow while the emulator runs (POST EntityDefinitions, new
 * keys, widened columns); readers see consistent snapshots because every change publishes new immutable lists.
 */
public final class Table {
    private final String logicalName;
    private final String schemaName;
    private final String entitySetName;
    private final String displayName;
    private final String primaryIdAttribute;
    private final String primaryNameAttribute;
    private final OwnershipType ownership;
    private final boolean custom;
    private final boolean intersect;
    private final boolean activity;
    private final int objectTypeCode;
    private final UUID metadataId;
    private volatile boolean changeTracking;
    private volatile boolean bulkOperations;
    private volatile List<Column> columns = List.of();
    private volatile Map<String, Column> columnsByName = Map.of();
    private volatile List<AlternateKey> keys = List.of();

    public Table(String logicalName, String schemaName, String entitySetName, String displayName,
                 String primaryIdAttribute, String primaryNameAttribute, OwnershipType ownership, boolean custom,
                 boolean intersect, boolean activity, int objectTypeCode, boolean changeTracking,
                 boolean bulkOperations) {
        this.logicalName = logicalName;
        this.schemaName = schemaName;
        this.entitySetName = entitySetName;
        this.displayName = displayName;
        this.primaryIdAttribute = primaryIdAttribute;
        this.primaryNameAttribute = primaryNameAttribute;
        this.ownership = ownership;
        this.custom = custom;
        this.intersect = intersect;
        this.activity = activity;
        this.objectTypeCode = objectTypeCode;
        this.changeTracking = changeTracking;
        this.bulkOperations = bulkOperations;
        this.metadataId = MetadataIds.of("entity", logicalName);
    }

    public String logicalName() { return logicalName; }
    public String schemaName() { return schemaName; }
    public String entitySetName() { return entitySetName; }
    public String displayName() { return displayName; }
    public String primaryIdAttribute() { return primaryIdAttribute; }
    public String primaryNameAttribute() { return primaryNameAttribute; }
    public OwnershipType ownership() { return ownership; }
    public boolean isCustom() { return custom; }
    public boolean isIntersect() { return intersect; }
    public boolean isActivity() { return activity; }
    public int objectTypeCode() { return objectTypeCode; }
    public UUID metadataId() { return metadataId; }
    public boolean changeTracking() { return changeTracking; }
    public boolean bulkOperations() { return bulkOperations; }
    public List<Column> columns() { return columns; }
    public List<AlternateKey> keys() { return keys; }

    /** The qualified type name used in CSDL and errors: {@code Microsoft.Dynamics.CRM.account}. */
    public String qualifiedName() {
        return "Microsoft.Dynamics.CRM." + logicalName;
    }

    public void changeTracking(boolean enabled) {
        this.changeTracking = enabled;
    }

    public void bulkOperations(boolean supported) {
        this.bulkOperations = supported;
    }

    public Optional<Column> column(String name) {
        return Optional.ofNullable(columnsByName.get(name));
    }

    public Column requireColumn(String name) {
        Column column = columnsByName.get(name);
        if (column == null) {
            throw new IllegalArgumentException("table '" + logicalName + "' has no column '" + name + "'");
        }
        return column;
    }

    public Column primaryId() {
        return requireColumn(primaryIdAttribute);
    }

    public Optional<Column> primaryName() {
        return primaryNameAttribute == null ? Optional.empty() : column(primaryNameAttribute);
    }

    public int width() {
        return columns.size();
    }

    /** Adds a column at the next ordinal; a column of the same name is left as it is. Returns the stored column. */
    public synchronized Column addColumn(Column column) {
        Column existing = columnsByName.get(column.logicalName());
        if (existing != null) {
            return existing;
        }
        Column stored = column.toBuilder().ordinal(columns.size()).metadataId(column.metadataId() != null
                ? column.metadataId() : MetadataIds.of("attribute", logicalName, column.logicalName())).build();
        List<Column> nextColumns = new ArrayList<>(columns);
        nextColumns.add(stored);
        publish(nextColumns);
        return stored;
    }

    /** Replaces a column's definition, keeping its ordinal (used to widen a text column). */
    public synchronized Column replaceColumn(Column column) {
        Column existing = requireColumn(column.logicalName());
        Column stored = column.toBuilder().ordinal(existing.ordinal()).build();
        List<Column> nextColumns = new ArrayList<>(columns);
        nextColumns.set(existing.ordinal(), stored);
        publish(nextColumns);
        return stored;
    }

    /** Makes {@code nextColumns} the table's columns, readers seeing either the old or the new set. */
    private void publish(List<Column> nextColumns) {
        Map<String, Column> nextByName = new HashMap<>();
        nextColumns.forEach(c -> nextByName.put(c.logicalName(), c));
        columnsByName = Map.copyOf(nextByName);
        columns = List.copyOf(nextColumns);
    }

    public synchronized void putKey(AlternateKey key) {
        List<AlternateKey> next = new ArrayList<>(keys);
        next.removeIf(k -> k.logicalName().equals(key.logicalName()));
        next.add(key);
        keys = List.copyOf(next);
    }

    public Optional<AlternateKey> key(String name) {
        return keys.stream().filter(k -> k.logicalName().equalsIgnoreCase(name)).findFirst();
    }

    @Override
    public String toString() {
        return "Table[" + logicalName + "]";
    }
}
