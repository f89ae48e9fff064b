package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.data.Store;
import io.dvmigrate.emulator.data.TableData;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.environment.SystemColumns;
import io.dvmigrate.emulator.odata.Errors;
import io.dvmigrate.emulator.schema.AlternateKey;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.ManyToMany;
import io.dvmigrate.emulator.schema.Navigation;
import io.dvmigrate.emulator.schema.OneToMany;
import io.dvmigrate.emulator.schema.Option;
import io.dvmigrate.emulator.schema.RequiredLevel;
import io.dvmigrate.emulator.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The write operations on rows, as Dataverse applies them: create (with a client-chosen id), update, upsert by id
 * or alternate key, delete with its cascades, and associate/disassociate. System and read-only columns are
 * ignored the way the real service ignores them; state and status are checked as a pair; required columns,
 * alternate-key uniqueness and duplicate ids are enforced. Every change goes through the context's transaction;
 * the caller holds the store's write lock.
 */
final class Records {
    private final WriteContext context;
    private final Environment environment;
    private final Store store;
    private final SystemColumns systemColumns;
    private int written;

    Records(WriteContext context) {
        this.context = context;
        this.environment = context.environment();
        this.store = environment.store();
        this.systemColumns = new SystemColumns(environment);
    }

    /** Rows created, updated or deleted so far (what the cost model charges). */
    int written() {
        return written;
    }

    /** Creates a row; its id comes from the body, else {@code requestedId}, else a new one. */
    Row create(Table table, EntityPayload payload, UUID requestedId) {
        TableData data = store.table(table);
        Object bodyId = payload.values().get(table.primaryId());
        UUID id = bodyId instanceof UUID given ? given : requestedId != null ? requestedId : environment.newId();
        if (data.get(id) != null) {
            throw Errors.duplicateRecord();
        }
        Object[] values = new Object[table.width()];
        values[table.primaryId().ordinal()] = id;
        payload.values().forEach((column, value) -> {
            if (column.validForCreate() && !column.primaryId()) {
                values[column.ordinal()] = value;
            }
        });
        payload.binds().forEach((column, ref) -> {
            if (column.validForCreate()) {
                values[column.ordinal()] = ref;
            }
        });
        checkState(table, values, payload, null, id);
        for (Column column : table.columns()) {
            if (column.requiredLevel() == RequiredLevel.SystemRequired && column.validForCreate()
                    && !column.primaryId() && !defaulted(column) && values[column.ordinal()] == null) {
                throw Errors.requiredMissing(table, column);
            }
        }
        Row row = store(table, values, null);
        relate(table, id, payload.collections());
        return row;
    }

    /** Columns Dataverse fills itself when a create leaves them out. */
    private static final Set<String> DEFAULTED = Set.of("ownerid", "statecode", "statuscode", "transactioncurrencyid");

    private static boolean defaulted(Column column) {
        return DEFAULTED.contains(column.logicalName());
    }

    /** Updates a row; {@code keyColumns} (the alternate key it was addressed by) are left as they are. */
    Row update(Table table, Row existing, EntityPayload payload, Set<Column> keyColumns) {
        Object[] values = existing.copyValues(table.width());
        payload.values().forEach((column, value) -> {
            if (column.validForUpdate() && !column.primaryId() && !keyColumns.contains(column)) {
                if (value == null && column.requiredLevel() == RequiredLevel.SystemRequired) {
                    throw Errors.requiredMissing(table, column);
                }
                values[column.ordinal()] = value;
            }
        });
        payload.binds().forEach((column, ref) -> {
            if (column.validForUpdate() && !keyColumns.contains(column)) {
                if (ref == null && column.requiredLevel() == RequiredLevel.SystemRequired) {
                    throw Errors.requiredMissing(table, column);
                }
                values[column.ordinal()] = ref;
            }
        });
        checkState(table, values, payload, existing, existing.id());
        Row row = store(table, values, existing);
        relate(table, existing.id(), payload.collections());
        return row;
    }

    /** Stamps, checks uniqueness and stores a row (new when {@code previous} is null). */
    private Row store(Table table, Object[] values, Row previous) {
        TableData data = store.table(table);
        UUID id = (UUID) values[table.primaryId().ordinal()];
        long version = store.nextVersion();
        systemColumns.stamp(table, values, previous, context.caller(), context.now(), version, false);
        String conflict = data.uniqueConflict(id, values);
        if (conflict != null) {
            AlternateKey key = table.key(conflict).orElse(null);
            throw key == null ? Errors.duplicateRecord()
                    : Errors.duplicateKey(table, key.logicalName(), String.join(",", key.columns()));
        }
        Row row = new Row(id, values, version);
        context.transaction().put(data, row);
        written++;
        return row;
    }

    /**
     * State and status as a pair: a new state without a status takes the state's default status; a status must
     * belong to the row's state.
     */
    private void checkState(Table table, Object[] values, EntityPayload payload, Row existing, UUID id) {
        Optional<Column> state = table.column("statecode");
        Optional<Column> status = table.column("statuscode");
        if (state.isEmpty() || status.isEmpty()) {
            return;
        }
        boolean stateGiven = payload.values().containsKey(state.get()) && writable(state.get(), existing == null);
        boolean statusGiven = payload.values().containsKey(status.get()) && writable(status.get(), existing == null);
        Integer stateValue = (Integer) values[state.get().ordinal()];
        if (stateValue == null) {
            stateValue = 0;
            values[state.get().ordinal()] = 0;
        }
        if (!state.get().options().isEmpty() && state.get().option(stateValue).isEmpty()) {
            throw Errors.optionOutOfRange(table, state.get(), stateValue);
        }
        if ((stateGiven && !statusGiven) || (existing == null && values[status.get().ordinal()] == null)) {
            values[status.get().ordinal()] = SystemColumns.defaultStatus(state.get(), stateValue);
            return;
        }
        Integer statusValue = (Integer) values[status.get().ordinal()];
        if (statusValue == null || status.get().options().isEmpty()) {
            return;
        }
        Optional<Option> option = status.get().option(statusValue);
        if (option.isEmpty()) {
            throw Errors.optionOutOfRange(table, status.get(), statusValue);
        }
        if (option.get().state() != null && !option.get().state().equals(stateValue)) {
            int current = stateValue;
            String stateName = state.get().option(current).map(o -> o.invariantName() != null ? o.invariantName()
                    : o.label().replace(" ", "")).orElse(String.valueOf(current));
            throw Errors.invalidStatus(table, statusValue, stateName, id);
        }
    }

    private static boolean writable(Column column, boolean creating) {
        return creating ? column.validForCreate() : column.validForUpdate();
    }

    /** The outcome of an upsert: the row, and whether it was created. */
    record Upserted(Row row, boolean created) {
    }

    /**
     * PATCH on a key: update when the row exists, create otherwise, with {@code If-Match: *} (update only) and
     * {@code If-None-Match: *} (create only) as documented, and etag checks for {@code If-Match: W/"…"}.
     */
    Upserted upsert(KeyLookup key, EntityPayload payload, String ifMatch, String ifNoneMatch) {
        Table table = key.table();
        Row existing = key.find(store.table(table));
        if (existing != null) {
            if ("*".equals(ifNoneMatch)) {
                throw Errors.matchingKeyExists();
            }
            if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(RowWriter.etag(existing))) {
                throw Errors.versionMismatch();
            }
            Set<Column> keyColumns = key.byId() ? Set.of() : key.values().keySet();
            return new Upserted(update(table, existing, payload, keyColumns), false);
        }
        if (ifMatch != null) {
            throw Reads.notFound(key);
        }
        EntityPayload withKey = payload;
        if (!key.byId()) {
            java.util.LinkedHashMap<Column, Object> values = new java.util.LinkedHashMap<>(payload.values());
            java.util.LinkedHashMap<Column, Ref> binds = new java.util.LinkedHashMap<>(payload.binds());
            key.values().forEach((column, value) -> {
                if (column.type().isLookup()) {
                    binds.putIfAbsent(column, (Ref) value);
                } else {
                    values.putIfAbsent(column, value);
                }
            });
            withKey = new EntityPayload(table, values, binds, payload.collections(), payload.odataId(),
                    payload.odataType());
        }
        return new Upserted(create(table, withKey, key.byId() ? key.id() : null), true);
    }

    /** Deletes a row and applies each relationship's cascade to the rows that point at it. */
    void delete(Table table, Row row) {
        TableData data = store.table(table);
        if (context.transaction().delete(data, row.id(), store.nextVersion()) == null) {
            return;
        }
        written++;
        for (OneToMany relationship : environment.schema().oneToManyOf(table)) {
            Table child = environment.schema().table(relationship.referencingEntity()).orElse(null);
            if (child == null) {
                continue;
            }
            Column lookup = child.requireColumn(relationship.referencingAttribute());
            List<Row> referencing = new ArrayList<>();
            for (Row candidate : store.table(child).rows()) {
                if (candidate.get(lookup) instanceof Ref ref && ref.id().equals(row.id())
                        && ref.table().equals(table.logicalName())) {
                    referencing.add(candidate);
                }
            }
            for (Row candidate : referencing) {
                switch (relationship.deleteCascade()) {
                    case Cascade -> delete(child, candidate);
                    case RemoveLink -> setLookup(child, candidate, lookup, null);
                    case Restrict -> throw Errors.cannotDelete(table, relationship.schemaName());
                }
            }
        }
        for (ManyToMany relationship : environment.schema().manyToManyOf(table)) {
            Table intersect = environment.schema().requireTable(relationship.intersectEntity());
            List<Column> sides = new ArrayList<>();
            if (relationship.entity1().equals(table.logicalName())) {
                sides.add(intersect.requireColumn(relationship.entity1IntersectAttribute()));
            }
            if (relationship.entity2().equals(table.logicalName())) {
                sides.add(intersect.requireColumn(relationship.entity2IntersectAttribute()));
            }
            TableData pairs = store.table(intersect);
            List<Row> doomed = new ArrayList<>();
            for (Row pair : pairs.rows()) {
                for (Column side : sides) {
                    if (row.id().equals(pair.get(side))) {
                        doomed.add(pair);
                    }
                }
            }
            for (Row pair : doomed) {
                context.transaction().delete(pairs, pair.id(), store.nextVersion());
            }
        }
    }

    private void setLookup(Table table, Row row, Column lookup, Ref value) {
        Object[] values = row.copyValues(table.width());
        values[lookup.ordinal()] = value;
        store(table, values, row);
    }

    /** Relates {@code target} to row {@code id} of {@code table} through a collection navigation. */
    void associate(Table table, UUID id, Navigation navigation, KeyLookup target) {
        switch (navigation) {
            case Navigation.Children children -> {
                Table child = environment.schema().requireTable(children.relationship().referencingEntity());
                requireTable(target, child);
                Row row = existing(target);
                setLookup(child, row, child.requireColumn(children.relationship().referencingAttribute()),
                        new Ref(table.logicalName(), id));
            }
            case Navigation.Related related -> {
                requireTable(target, environment.schema().requireTable(related.otherEntity()));
                Row other = existing(target);
                ManyToMany relationship = related.relationship();
                UUID first = related.fromEntity1() ? id : other.id();
                UUID second = related.fromEntity1() ? other.id() : id;
                Table intersect = environment.schema().requireTable(relationship.intersectEntity());
                Object[] values = new Object[intersect.width()];
                values[intersect.requireColumn(relationship.entity1IntersectAttribute()).ordinal()] = first;
                values[intersect.requireColumn(relationship.entity2IntersectAttribute()).ordinal()] = second;
                TableData pairs = store.table(intersect);
                if (pairs.uniqueConflict(null, values) != null) {
                    throw Errors.duplicateRecord();
                }
                UUID pairId = environment.newId();
                values[intersect.primaryId().ordinal()] = pairId;
                long version = store.nextVersion();
                intersect.column("versionnumber").ifPresent(c -> values[c.ordinal()] = version);
                context.transaction().put(pairs, new Row(pairId, values, version));
                written++;
            }
            case Navigation.Single single -> setSingle(table, id, single, target);
        }
    }

    /** {@code PUT …/nav/$ref}: points a lookup at {@code target}. */
    void setSingle(Table table, UUID id, Navigation.Single single, KeyLookup target) {
        if (!single.targets().contains(target.table().logicalName())) {
            throw Errors.badRequest("The navigation property '" + single.name() + "' cannot refer to a record of '"
                    + target.table().logicalName() + "'.");
        }
        Row other = existing(target);
        Row row = store.table(table).get(id);
        setLookup(table, row, single.column(), new Ref(target.table().logicalName(), other.id()));
    }

    /** Removes a relation: clears a lookup, or deletes an intersect row. {@code target} is null for lookups. */
    void disassociate(Table table, UUID id, Navigation navigation, KeyLookup target) {
        switch (navigation) {
            case Navigation.Single single -> setLookup(table, store.table(table).get(id), single.column(), null);
            case Navigation.Children children -> {
                Table child = environment.schema().requireTable(children.relationship().referencingEntity());
                requireTable(target, child);
                Row row = existing(target);
                Column lookup = child.requireColumn(children.relationship().referencingAttribute());
                if (row.get(lookup) instanceof Ref ref && ref.id().equals(id)) {
                    setLookup(child, row, lookup, null);
                }
            }
            case Navigation.Related related -> {
                Row other = existing(target);
                ManyToMany relationship = related.relationship();
                Table intersect = environment.schema().requireTable(relationship.intersectEntity());
                Column mine = intersect.requireColumn(related.thisIntersectAttribute());
                Column theirs = intersect.requireColumn(related.otherIntersectAttribute());
                TableData pairs = store.table(intersect);
                Row pair = pairs.rows().stream()
                        .filter(p -> id.equals(p.get(mine)) && other.id().equals(p.get(theirs)))
                        .findFirst().orElseThrow(() -> Errors.notFound(intersect, other.id()));
                context.transaction().delete(pairs, pair.id(), store.nextVersion());
                written++;
            }
        }
    }

    private void relate(Table table, UUID id, List<EntityPayload.CollectionBind> collections) {
        for (EntityPayload.CollectionBind bind : collections) {
            for (KeyLookup target : bind.targets()) {
                associate(table, id, bind.navigation(), target);
            }
        }
    }

    private Row existing(KeyLookup key) {
        Row row = key.find(store.table(key.table()));
        if (row == null) {
            throw Reads.notFound(key);
        }
        return row;
    }

    private static void requireTable(KeyLookup target, Table expected) {
        if (!target.table().logicalName().equals(expected.logicalName())) {
            throw Errors.badRequest("The record '" + target.path() + "' is not a " + expected.logicalName() + ".");
        }
    }
}
