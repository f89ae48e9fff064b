package io.dvmigrate.emulator.environment;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.data.Store;
import io.dvmigrate.emulator.data.TableData;
import io.dvmigrate.emulator.data.ValueException;
import io.dvmigrate.emulator.data.Values;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.ManyToMany;
import io.dvmigrate.emulator.schema.Table;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Loads rows straight into an environment's store, as data sources do: values are already typed (or text, which
 * is converted per column), system columns are filled where missing, and the admin user is the author.
 * The caller holds the store's write lock or owns the environment exclusively while building it.
 */
public final class Seeder {
    private final Environment environment;
    private final Store store;
    private final SystemColumns systemColumns;
    private final Instant now;

    public Seeder(Environment environment) {
        this(environment, Instant.now());
    }

    public Seeder(Environment environment, Instant now) {
        this.environment = environment;
        this.store = environment.store();
        this.systemColumns = new SystemColumns(environment);
        this.now = now;
    }

    /** Inserts a row from values by logical name; a missing primary id is derived from the values' order. */
    public Row insert(String tableName, Map<String, Object> values) {
        Table table = environment.schema().requireTable(tableName);
        Object[] row = new Object[table.width()];
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            Column column = table.column(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "table '" + tableName + "' has no column '" + entry.getKey() + "'"));
            row[column.ordinal()] = typed(column, entry.getValue());
        }
        Column primaryId = table.primaryId();
        if (row[primaryId.ordinal()] == null) {
            throw new IllegalArgumentException("a row of '" + tableName + "' has no " + primaryId.logicalName());
        }
        return insert(table, row);
    }

    /**
     * Inserts a row with the given id, skipping values for columns the table does not have (system rows written
     * into tables a real $metadata described, which may lack some of the emulator's usual columns).
     */
    public Row insertKnown(String tableName, UUID id, Map<String, Object> values) {
        Table table = environment.schema().requireTable(tableName);
        Map<String, Object> known = new java.util.LinkedHashMap<>();
        known.put(table.primaryIdAttribute(), id);
        values.forEach((column, value) -> {
            if (table.column(column).isPresent()) {
                known.put(column, value);
            }
        });
        return insert(tableName, known);
    }

    /** Inserts a row whose values are already laid out by column ordinal. */
    public Row insert(Table table, Object[] values) {
        UUID id = (UUID) values[table.primaryId().ordinal()];
        TableData data = store.table(table);
        if (data.get(id) != null) {
            throw new IllegalArgumentException("table '" + table.logicalName() + "' already has a row " + id);
        }
        long version = store.nextVersion();
        systemColumns.stamp(table, values, null, environment.ids().admin(), now, version, true);
        String conflict = data.uniqueConflict(id, values);
        if (conflict != null) {
            throw new IllegalArgumentException("row " + id + " of '" + table.logicalName()
                    + "' repeats the values of key '" + conflict + "'");
        }
        Row row = new Row(id, values, version);
        data.put(row);
        return row;
    }

    /** Relates two rows through a many-to-many relationship; an existing pair is left alone. */
    public void associate(ManyToMany relationship, UUID entity1Id, UUID entity2Id) {
        Table intersect = environment.schema().requireTable(relationship.intersectEntity());
        TableData data = store.table(intersect);
        Object[] values = new Object[intersect.width()];
        values[intersect.requireColumn(relationship.entity1IntersectAttribute()).ordinal()] = entity1Id;
        values[intersect.requireColumn(relationship.entity2IntersectAttribute()).ordinal()] = entity2Id;
        if (data.uniqueConflict(null, values) != null) {
            return;
        }
        UUID id = Ids.of(relationship.schemaName(), entity1Id.toString(), entity2Id.toString());
        values[intersect.primaryId().ordinal()] = id;
        long version = store.nextVersion();
        intersect.column("versionnumber").ifPresent(c -> values[c.ordinal()] = version);
        data.put(new Row(id, values, version));
    }

    private static Object typed(Column column, Object value) {
        if (value == null) {
            return null;
        }
        if (column.type().isLookup()) {
            if (value instanceof Ref) {
                return value;
            }
            if (column.targets().size() != 1) {
                throw new ValueException("lookup '" + column.logicalName() + "' has several targets: give a Ref");
            }
            UUID id = value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
            return new Ref(column.targets().get(0), id);
        }
        if (value instanceof String text && !column.type().isText()) {
            return Values.fromText(column, text);
        }
        return value;
    }
}
