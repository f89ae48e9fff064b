package io.dvmigrate.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.data.Store;
import io.dvmigrate.emulator.data.ValueException;
import io.dvmigrate.emulator.data.Values;
import io.dvmigrate.emulator.odata.Errors;
import io.dvmigrate.emulator.schema.AttributeType;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Navigation;
import io.dvmigrate.emulator.schema.Table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON entity body, checked against its table: typed column values (length, option and range checked),
 * lookups bound with {@code nav@odata.bind} (by id, alternate key or Content-ID, the target checked to exist,
 * polymorphic and case-sensitive navigation names), collection binds, and the {@code @odata.id} and
 * {@code @odata.type} annotations bulk actions use. Read under the store's write lock.
 */
record EntityPayload(Table table, Map<Column, Object> values, Map<Column, Ref> binds,
                     List<CollectionBind> collections, String odataId, String odataType) {

    /** {@code Account_Tasks@odata.bind: ["/tasks(…)"]}: rows to relate after the row is written. */
    record CollectionBind(Navigation navigation, List<KeyLookup> targets) {
    }

    static EntityPayload read(WriteContext context, Table table, JsonNode body) {
        return context.payloads().read(table, body);
    }

    /** What a property name of a body means for a table; worked out once per name, as bulk bodies repeat them. */
    sealed interface Field {
        record Identity() implements Field {
        }

        record Type() implements Field {
        }

        record Bind(Navigation navigation) implements Field {
        }

        record Annotation() implements Field {
        }

        record Value(Column column) implements Field {
        }

        record Clear(Column column) implements Field {
        }

        record Refused(RuntimeException error) implements Field {
        }
    }

    /** Reads entity bodies for one write unit, remembering what each property name means per table. */
    static final class Reader {
        private final WriteContext context;
        private final Map<Table, Map<String, Field>> fields = new java.util.IdentityHashMap<>();

        Reader(WriteContext context) {
            this.context = context;
        }

        EntityPayload read(Table table, JsonNode body) {
            if (body == null || !body.isObject()) {
                throw Errors.payload(table, "Microsoft.OData.ODataException: The payload is not a JSON object.");
            }
            Map<String, Field> known = fields.computeIfAbsent(table, t -> new java.util.HashMap<>());
            Store store = context.environment().store();
            Map<Column, Object> values = new LinkedHashMap<>();
            Map<Column, Ref> binds = new LinkedHashMap<>();
            List<CollectionBind> collections = new ArrayList<>();
            String odataId = null;
            String odataType = null;
            Iterator<Map.Entry<String, JsonNode>> entries = body.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                JsonNode value = entry.getValue();
                Field field = known.computeIfAbsent(entry.getKey(), name -> field(table, name));
                switch (field) {
                    case Field.Identity ignored -> odataId = value.asText();
                    case Field.Type ignored -> odataType = value.asText();
                    case Field.Annotation ignored -> {
                    }
                    case Field.Bind bind -> EntityPayload.bind(context, context.addressing(), store, table,
                            bind.navigation(), value, binds, collections);
                    case Field.Value column -> values.put(column.column(), checked(table, column.column(), value));
                    case Field.Clear clear -> {
                        if (!value.isNull()) {
                            throw Errors.payload(table, "Microsoft.OData.ODataException: An unexpected 'PrimitiveValue' "
                                    + "node was found for the navigation property '" + entry.getKey() + "'; use '"
                                    + entry.getKey() + "@odata.bind'.");
                        }
                        binds.put(clear.column(), null);
                    }
                    case Field.Refused refused -> throw refused.error();
                }
            }
            return new EntityPayload(table, values, binds, collections, odataId, odataType);
        }

        private Field field(Table table, String name) {
            if (name.equals("@odata.id")) {
                return new Field.Identity();
            }
            if (name.equals("@odata.type")) {
                return new Field.Type();
            }
            if (name.endsWith("@odata.bind")) {
                String navigationName = name.substring(0, name.length() - "@odata.bind".length());
                return context.environment().schema().navigation(table, navigationName)
                        .<Field>map(Field.Bind::new)
                        .orElseGet(() -> new Field.Refused(Errors.undeclaredProperty(navigationName)));
            }
            if (name.contains("@")) {
                return new Field.Annotation();
            }
            if (RowPaths.lookupByProperty(table, name).isPresent()) {
                return new Field.Refused(Errors.lookupValueWritten());
            }
            Column column = table.column(name).orElse(null);
            if (column == null) {
                return new Field.Refused(context.environment().schema().navigation(table, name).isPresent()
                        ? Errors.payload(table, "Microsoft.OData.ODataException: Deep insert through the "
                        + "navigation property '" + name + "' is not supported by the emulator; bind with '"
                        + name + "@odata.bind'.")
                        : Errors.unknownPayloadProperty(table, name));
            }
            return column.type().isLookup() ? new Field.Clear(column) : new Field.Value(column);
        }
    }

    private static void bind(WriteContext context, Addressing addressing, Store store, Table table,
                             Navigation navigation, JsonNode value, Map<Column, Ref> binds,
                             List<CollectionBind> collections) {
        switch (navigation) {
            case Navigation.Single single -> {
                if (value.isNull()) {
                    binds.put(single.column(), null);
                    return;
                }
                if (!value.isTextual()) {
                    throw Errors.payload(table, "Microsoft.OData.ODataException: The value of '" + single.name()
                            + "@odata.bind' must be a record URL.");
                }
                KeyLookup target = addressing.reference(value.asText(), context.contentIds());
                if (!single.targets().contains(target.table().logicalName())) {
                    throw Errors.badRequest("The navigation property '" + single.name() + "' of '"
                            + table.logicalName() + "' cannot refer to a record of '" + target.table().logicalName()
                            + "'; it refers to " + String.join(" or ", single.targets()) + ".");
                }
                Row row = target.find(store.table(target.table()));
                if (row == null) {
                    throw Reads.notFound(target);
                }
                binds.put(single.column(), new Ref(target.table().logicalName(), row.id()));
            }
            case Navigation.Children children -> collections.add(new CollectionBind(children, targets(context,
                    addressing, table, navigation, value)));
            case Navigation.Related related -> collections.add(new CollectionBind(related, targets(context,
                    addressing, table, navigation, value)));
        }
    }

    private static List<KeyLookup> targets(WriteContext context, Addressing addressing, Table table,
                                           Navigation navigation, JsonNode value) {
        if (!value.isArray()) {
            throw Errors.payload(table, "Microsoft.OData.ODataException: The value of '" + navigation.name()
                    + "@odata.bind' must be an array of record URLs.");
        }
        List<KeyLookup> targets = new ArrayList<>();
        for (JsonNode item : value) {
            targets.add(addressing.reference(item.asText(), context.contentIds()));
        }
        return targets;
    }

    /** Converts and checks one value: its JSON type, text length, option value, numeric range. */
    static Object checked(Table table, Column column, JsonNode node) {
        Object value;
        try {
            value = Values.fromJson(column, node);
        } catch (ValueException e) {
            throw Errors.payload(table, "Microsoft.OData.ODataException: " + e.getMessage());
        }
        check(table, column, value);
        return value;
    }

    static void check(Table table, Column column, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String text && column.maxLength() != null && text.length() > column.maxLength()) {
            throw Errors.tooLong(table, column);
        }
        if ((column.type() == AttributeType.Picklist) && !column.options().isEmpty()
                && column.option((Integer) value).isEmpty()) {
            throw Errors.optionOutOfRange(table, column, value);
        }
        if (value instanceof Number number && column.type().isNumber() && outOfRange(column, number)) {
            throw Errors.numberOutOfRange(table, column, value);
        }
    }

    private static boolean outOfRange(Column column, Number number) {
        BigDecimal decimal = Values.toDecimal(number);
        return (column.minValue() != null && decimal.compareTo(column.minValue()) < 0)
                || (column.maxValue() != null && decimal.compareTo(column.maxValue()) > 0);
    }
}
