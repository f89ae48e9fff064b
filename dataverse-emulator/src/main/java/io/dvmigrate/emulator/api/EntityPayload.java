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

    boolean has(String column) {
        return table.column(column).map(c -> values.containsKey(c) || binds.containsKey(c)).orElse(false);
    }

    static EntityPayload read(WriteContext context, Table table, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Errors.payload(table, "Microsoft.OData.ODataException: The payload is not a JSON object.");
        }
        Addressing addressing = new Addressing(context.environment());
        Store store = context.environment().store();
        Map<Column, Object> values = new LinkedHashMap<>();
        Map<Column, Ref> binds = new LinkedHashMap<>();
        List<CollectionBind> collections = new ArrayList<>();
        String odataId = null;
        String odataType = null;
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("@odata.id")) {
                odataId = value.asText();
            } else if (name.equals("@odata.type")) {
                odataType = value.asText();
            } else if (name.endsWith("@odata.bind")) {
                String navigationName = name.substring(0, name.length() - "@odata.bind".length());
                Navigation navigation = context.environment().schema().navigation(table, navigationName)
                        .orElseThrow(() -> Errors.undeclaredProperty(navigationName));
                bind(context, addressing, store, table, navigation, value, binds, collections);
            } else if (name.contains("@")) {
                continue;
            } else if (RowPaths.lookupByProperty(table, name).isPresent()) {
                throw Errors.lookupValueWritten();
            } else {
                Column column = table.column(name).orElse(null);
                if (column == null) {
                    throw context.environment().schema().navigation(table, name).isPresent()
                            ? Errors.payload(table, "Microsoft.OData.ODataException: Deep insert through the "
                            + "navigation property '" + name + "' is not supported by the emulator; bind with '"
                            + name + "@odata.bind'.")
                            : Errors.unknownPayloadProperty(table, name);
                }
                if (column.type().isLookup()) {
                    if (!value.isNull()) {
                        throw Errors.payload(table, "Microsoft.OData.ODataException: An unexpected 'PrimitiveValue' "
                                + "node was found for the navigation property '" + name + "'; use '" + name
                                + "@odata.bind'.");
                    }
                    binds.put(column, null);
                } else {
                    values.put(column, checked(table, column, value));
                }
            }
        }
        return new EntityPayload(table, values, binds, collections, odataId, odataType);
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
