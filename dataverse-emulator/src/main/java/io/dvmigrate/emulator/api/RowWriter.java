package io.dvmigrate.emulator.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.data.Store;
import io.dvmigrate.emulator.data.TableData;
import io.dvmigrate.emulator.data.Values;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.odata.Preferences;
import io.dvmigrate.emulator.odata.QueryOptions;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.ManyToMany;
import io.dvmigrate.emulator.schema.Navigation;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes rows as the Web API does: {@code @odata.etag}, the projected properties (lookups as {@code _x_value}),
 * the annotations the request's Prefer asked for, and the expansions. One instance serves one request and
 * caches what expansions of collections need, so a page of parents costs one pass over each child table.
 * Call under the store's read lock.
 */
final class RowWriter {
    static final String FORMATTED = "OData.Community.Display.V1.FormattedValue";
    static final String LOOKUP_LOGICAL_NAME = "Microsoft.Dynamics.CRM.lookuplogicalname";
    static final String NAVIGATION_PROPERTY = "Microsoft.Dynamics.CRM.associatednavigationproperty";

    private final Schema schema;
    private final Store store;
    private final String root;
    private final boolean formatted;
    private final boolean logicalNames;
    private final boolean navigationNames;
    private final Map<Projection.Expansion, Map<UUID, List<Row>>> children = new IdentityHashMap<>();
    /** Text of ids and instants that rows share (owners, currency, load time): rendered once per request. */
    private final Map<Object, String> shared = new IdentityHashMap<>();
    private final Map<String, Projection> nested = new HashMap<>();

    RowWriter(Environment environment, Preferences preferences, String root) {
        this.schema = environment.schema();
        this.store = environment.store();
        this.root = root;
        this.formatted = preferences.wants(FORMATTED);
        this.logicalNames = preferences.wants(LOOKUP_LOGICAL_NAME);
        this.navigationNames = preferences.wants(NAVIGATION_PROPERTY);
    }

    static String etag(Row row) {
        return "W/\"" + row.version() + "\"";
    }

    void write(JsonGenerator json, Row row, Projection projection) throws IOException {
        json.writeStartObject();
        json.writeStringField("@odata.etag", etag(row));
        writeProperties(json, row, projection);
        json.writeEndObject();
    }

    /** The properties of a row, without the surrounding object (single-row responses add their context first). */
    void writeProperties(JsonGenerator json, Row row, Projection projection) throws IOException {
        Table table = projection.table();
        List<Column> columns = projection.columns();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object value = row.get(column);
            if (column.type().isLookup()) {
                if (value != null) {
                    writeLookupAnnotations(json, table, column, (Ref) value);
                }
                json.writeFieldName(projection.names()[i]);
                if (value == null) {
                    json.writeNull();
                } else {
                    json.writeString(text(((Ref) value).id()));
                }
            } else {
                if (formatted && value != null && formattable(column)) {
                    json.writeStringField(column.logicalName() + "@" + FORMATTED, Values.format(column, value));
                }
                json.writeFieldName(projection.names()[i]);
                if (column.primaryId() && value != null) {
                    json.writeString(value.toString());
                } else if (value instanceof UUID || (value instanceof java.time.Instant && !column.isDateOnly())) {
                    json.writeString(text(value));
                } else {
                    Values.write(json, column, value);
                }
            }
        }
        for (Projection.Expansion expansion : projection.expansions()) {
            writeExpansion(json, row, table, expansion);
        }
    }

    /** The text of an id or instant, from the shared cache when the same object was written before. */
    private String text(Object value) {
        String known = shared.get(value);
        if (known != null) {
            return known;
        }
        String text = Values.toText(null, value);
        if (shared.size() < 4096) {
            shared.put(value, text);
        }
        return text;
    }

    private static boolean formattable(Column column) {
        return switch (column.type()) {
            case Uniqueidentifier, String, Memo, EntityName -> false;
            default -> true;
        };
    }

    private void writeLookupAnnotations(JsonGenerator json, Table table, Column column, Ref value) throws IOException {
        String property = column.propertyName();
        if (formatted) {
            String name = primaryName(value);
            if (name != null) {
                json.writeStringField(property + "@" + FORMATTED, name);
            }
        }
        if (navigationNames) {
            Optional<Navigation.Single> navigation = schema.navigationFor(table, column, value.table());
            if (navigation.isPresent()) {
                json.writeStringField(property + "@" + NAVIGATION_PROPERTY, navigation.get().name());
            }
        }
        if (logicalNames) {
            json.writeStringField(property + "@" + LOOKUP_LOGICAL_NAME, value.table());
        }
    }

    /** The primary name of the row a lookup points at, for its formatted value. */
    String primaryName(Ref ref) {
        Optional<Table> target = schema.table(ref.table());
        if (target.isEmpty()) {
            return null;
        }
        Optional<Column> name = target.get().primaryName();
        Row row = store.table(target.get()).get(ref.id());
        return row == null || name.isEmpty() || row.get(name.get()) == null ? null : row.get(name.get()).toString();
    }

    private void writeExpansion(JsonGenerator json, Row row, Table table, Projection.Expansion expansion)
            throws IOException {
        Navigation navigation = expansion.navigation();
        json.writeFieldName(navigation.name());
        switch (navigation) {
            case Navigation.Single single -> {
                Row target = singleTarget(row, single);
                if (target == null) {
                    json.writeNull();
                } else if (expansion.ref()) {
                    Table targetTable = tableOf(single, row);
                    json.writeStartObject();
                    json.writeStringField("@odata.id", root + targetTable.entitySetName() + "(" + target.id() + ")");
                    json.writeEndObject();
                } else {
                    Table targetTable = tableOf(single, row);
                    Projection projection = nestedProjection(targetTable, expansion.options());
                    json.writeStartObject();
                    if (single.targets().size() > 1) {
                        json.writeStringField("@odata.type", "#Microsoft.Dynamics.CRM." + targetTable.logicalName());
                    }
                    json.writeStringField("@odata.etag", etag(target));
                    writeProperties(json, target, projection);
                    json.writeEndObject();
                }
            }
            case Navigation.Children ignored -> writeCollection(json, row, expansion);
            case Navigation.Related ignored -> writeCollection(json, row, expansion);
        }
    }

    private Row singleTarget(Row row, Navigation.Single single) {
        if (!(row.get(single.column()) instanceof Ref ref) || !single.targets().contains(ref.table())) {
            return null;
        }
        return schema.table(ref.table()).map(t -> store.table(t).get(ref.id())).orElse(null);
    }

    private Table tableOf(Navigation.Single single, Row row) {
        return schema.requireTable(((Ref) row.get(single.column())).table());
    }

    private void writeCollection(JsonGenerator json, Row row, Projection.Expansion expansion) throws IOException {
        Table target = collectionTable(expansion.navigation());
        QueryOptions options = expansion.options();
        CompiledQuery query = CompiledQuery.of(schema, store, target, options);
        List<Row> rows = new ArrayList<>();
        for (Row child : childrenOf(expansion).getOrDefault(row.id(), List.of())) {
            if (query.filter().test(child)) {
                rows.add(child);
            }
        }
        if (query.ordered()) {
            rows.sort(query.comparator());
        }
        int limit = options.top() == null ? 5000 : Math.min(options.top(), 5000);
        Projection projection = nestedProjection(target, options);
        json.writeStartArray();
        for (int i = 0; i < rows.size() && i < limit; i++) {
            write(json, rows.get(i), projection);
        }
        json.writeEndArray();
    }

    Table collectionTable(Navigation navigation) {
        return switch (navigation) {
            case Navigation.Children children -> schema.requireTable(children.relationship().referencingEntity());
            case Navigation.Related related -> schema.requireTable(related.otherEntity());
            case Navigation.Single single -> throw new IllegalArgumentException(single.name() + " is not a collection");
        };
    }

    /** The related rows of every parent, by parent id, built once per expansion. */
    private Map<UUID, List<Row>> childrenOf(Projection.Expansion expansion) {
        return children.computeIfAbsent(expansion, e -> related(e.navigation()));
    }

    Map<UUID, List<Row>> related(Navigation navigation) {
        Map<UUID, List<Row>> byParent = new HashMap<>();
        switch (navigation) {
            case Navigation.Children children -> {
                Table child = schema.requireTable(children.relationship().referencingEntity());
                Column lookup = child.requireColumn(children.relationship().referencingAttribute());
                String parentTable = children.relationship().referencedEntity();
                for (Row row : store.table(child).rows()) {
                    if (row.get(lookup) instanceof Ref ref && ref.table().equals(parentTable)) {
                        byParent.computeIfAbsent(ref.id(), k -> new ArrayList<>()).add(row);
                    }
                }
            }
            case Navigation.Related related -> {
                ManyToMany relationship = related.relationship();
                Table intersect = schema.requireTable(relationship.intersectEntity());
                Column mine = intersect.requireColumn(related.thisIntersectAttribute());
                Column theirs = intersect.requireColumn(related.otherIntersectAttribute());
                TableData other = store.table(related.otherEntity());
                for (Row pair : store.table(intersect).rows()) {
                    Row row = other.get((UUID) pair.get(theirs));
                    if (row != null) {
                        byParent.computeIfAbsent((UUID) pair.get(mine), k -> new ArrayList<>()).add(row);
                    }
                }
            }
            case Navigation.Single single -> throw new IllegalArgumentException(single.name() + " is not a collection");
        }
        return byParent;
    }

    private Projection nestedProjection(Table table, QueryOptions options) {
        return nested.computeIfAbsent(table.logicalName() + "|" + System.identityHashCode(options),
                k -> Projection.of(schema, table, options));
    }
}
