package io.dvmigrate.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.emulator.data.TableData;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.odata.Errors;
import io.dvmigrate.emulator.schema.AlternateKey;
import io.dvmigrate.emulator.schema.AttributeType;
import io.dvmigrate.emulator.schema.Cascade;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.DateFormat;
import io.dvmigrate.emulator.schema.IntersectTable;
import io.dvmigrate.emulator.schema.KeyStatus;
import io.dvmigrate.emulator.schema.MetadataIds;
import io.dvmigrate.emulator.schema.Option;
import io.dvmigrate.emulator.schema.OwnershipType;
import io.dvmigrate.emulator.schema.RequiredLevel;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;
import io.dvmigrate.emulator.schema.TableBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Schema changes through the metadata API, with the request shapes of the real one: POST EntityDefinitions
 * (a table with its columns), POST …/Attributes (a column), PUT …/Attributes(…) (e.g. a longer MaxLength),
 * POST …/Keys (an alternate key, Active once its values are unique), POST RelationshipDefinitions (a lookup with
 * its one-to-many relationship, or a many-to-many relationship).
 */
final class SchemaChanges {
    private final Environment environment;
    private final Schema schema;

    SchemaChanges(Environment environment) {
        this.environment = environment;
        this.schema = environment.schema();
    }

    ApiResponse createTable(ApiRequest request, JsonNode body) {
        String schemaName = required(body, "SchemaName");
        String logicalName = schemaName.toLowerCase(Locale.ROOT);
        if (schema.hasTable(logicalName)) {
            throw new io.dvmigrate.emulator.odata.ODataException(400, "",
                    "An entity with the specified name already exists. Specify a unique name. (" + logicalName + ")");
        }
        List<Column> columns = new ArrayList<>();
        String primaryName = null;
        for (JsonNode attribute : body.path("Attributes")) {
            Column column = column(attribute);
            if (attribute.path("IsPrimaryName").asBoolean(false)) {
                primaryName = column.logicalName();
                column = column.toBuilder().primaryName(true).build();
            }
            columns.add(column);
        }
        if (primaryName == null) {
            throw Errors.badRequest("A new table needs a primary name column: an attribute with \"IsPrimaryName\": true.");
        }
        String ownership = body.path("OwnershipType").asText("UserOwned");
        TableBuilder builder = new TableBuilder(schema, logicalName)
                .entitySetName(body.hasNonNull("EntitySetName") ? body.get("EntitySetName").asText() : plural(logicalName))
                .displayName(label(body.path("DisplayName"), schemaName))
                .primaryName(primaryName)
                .ownership(OwnershipType.parse(ownership.equals("BusinessOwned") ? "OrganizationOwned" : ownership))
                .custom(true)
                .activity(body.path("IsActivity").asBoolean(false))
                .objectTypeCode(10_000 + schema.tables().size())
                .changeTracking(body.path("ChangeTrackingEnabled").asBoolean(true));
        columns.forEach(builder::column);
        Table table = environment.store().write(builder::build);
        environment.syncBulkMessageFilters();
        return ApiResponse.noContent().header("OData-EntityId",
                request.root() + "EntityDefinitions(" + table.metadataId() + ")");
    }

    ApiResponse updateTable(Table table, JsonNode body) {
        if (body.has("ChangeTrackingEnabled")) {
            table.changeTracking(table.changeTracking() || body.get("ChangeTrackingEnabled").asBoolean());
        }
        return ApiResponse.noContent();
    }

    ApiResponse addColumn(ApiRequest request, Table table, JsonNode body) {
        Column column = column(body);
        if (table.column(column.logicalName()).isPresent()) {
            throw new io.dvmigrate.emulator.odata.ODataException(400, "", "An attribute with the specified "
                    + "name " + column.logicalName() + " already exists on entity " + table.logicalName() + ".");
        }
        Column stored = environment.store().write(() -> table.addColumn(column));
        schema.refresh();
        return ApiResponse.noContent().header("OData-EntityId", request.root() + "EntityDefinitions("
                + table.metadataId() + ")/Attributes(" + stored.metadataId() + ")");
    }

    /** PUT of a full attribute definition: MaxLength, RequiredLevel and DisplayName may change. */
    ApiResponse updateColumn(ApiRequest request, Table table, Column column, JsonNode body) {
        Column.Builder changed = column.toBuilder();
        if (body.has("MaxLength") && column.type().isText()) {
            changed.maxLength(body.get("MaxLength").asInt());
        }
        if (body.path("RequiredLevel").has("Value")) {
            changed.requiredLevel(RequiredLevel.parse(body.path("RequiredLevel").path("Value").asText()));
        }
        if (body.has("DisplayName")) {
            changed.displayName(label(body.get("DisplayName"), column.displayName()));
        }
        environment.store().write(() -> table.replaceColumn(changed.build()));
        return ApiResponse.noContent();
    }

    ApiResponse addKey(ApiRequest request, Table table, JsonNode body) {
        String schemaName = required(body, "SchemaName");
        List<String> columns = new ArrayList<>();
        body.path("KeyAttributes").forEach(a -> columns.add(a.asText()));
        if (columns.isEmpty()) {
            throw Errors.badRequest("A key needs KeyAttributes.");
        }
        for (String name : columns) {
            Column column = table.column(name).orElseThrow(() -> Errors.propertyNotFound(table, name));
            if (!(column.type().isText() || column.type().isNumber() || column.type() == AttributeType.DateTime
                    || column.type().isLookup() || column.type().isChoice())) {
                throw Errors.badRequest("The column '" + name + "' of type " + column.type()
                        + " cannot be part of an alternate key.");
            }
        }
        if (table.keys().size() >= 10) {
            throw Errors.badRequest("A table can have at most 10 alternate keys.");
        }
        String logicalName = schemaName.toLowerCase(Locale.ROOT);
        AlternateKey key = new AlternateKey(logicalName, schemaName, columns, KeyStatus.Pending,
                MetadataIds.of("key", table.logicalName(), logicalName));
        environment.store().write(() -> {
            table.putKey(key);
            TableData data = environment.store().table(table);
            data.rebuildIndexes();
            return null;
        });
        return ApiResponse.noContent().header("OData-EntityId", request.root() + "EntityDefinitions("
                + table.metadataId() + ")/Keys(" + key.metadataId() + ")");
    }

    ApiResponse createRelationship(ApiRequest request, JsonNode body) {
        String type = body.path("@odata.type").asText("");
        String name = required(body, "SchemaName");
        if (type.endsWith("ManyToManyRelationshipMetadata")) {
            String entity1 = required(body, "Entity1LogicalName");
            String entity2 = required(body, "Entity2LogicalName");
            requireTable(entity1);
            requireTable(entity2);
            var relationship = environment.store().write(() -> IntersectTable.define(schema, name,
                    body.hasNonNull("IntersectEntityName") ? body.get("IntersectEntityName").asText() : name, null,
                    entity1, entity2, null, null, null, null, true));
            return ApiResponse.noContent().header("OData-EntityId",
                    request.root() + "RelationshipDefinitions(" + relationship.metadataId() + ")");
        }
        if (!type.endsWith("OneToManyRelationshipMetadata")) {
            throw Errors.badRequest("RelationshipDefinitions accepts OneToManyRelationshipMetadata or "
                    + "ManyToManyRelationshipMetadata (\"@odata.type\").");
        }
        Table referenced = requireTable(required(body, "ReferencedEntity"));
        Table referencing = requireTable(required(body, "ReferencingEntity"));
        JsonNode lookup = body.path("Lookup");
        String lookupSchemaName = required(lookup, "SchemaName");
        Column column = Column.builder(lookupSchemaName.toLowerCase(Locale.ROOT), AttributeType.Lookup)
                .schemaName(lookupSchemaName).displayName(label(lookup.path("DisplayName"), lookupSchemaName))
                .requiredLevel(requiredLevel(lookup)).targets(List.of(referenced.logicalName())).custom(true).build();
        String cascade = body.path("CascadeConfiguration").path("Delete").asText("RemoveLink");
        environment.store().write(() -> {
            Column stored = referencing.addColumn(column);
            schema.addRelationship(new io.dvmigrate.emulator.schema.OneToMany(name, referenced.logicalName(),
                    referenced.primaryIdAttribute(), referencing.logicalName(), stored.logicalName(), name,
                    lookupSchemaName, Cascade.parse(cascade), referenced == referencing, true,
                    MetadataIds.of("relationship", name)));
            return stored;
        });
        return ApiResponse.noContent().header("OData-EntityId", request.root() + "RelationshipDefinitions("
                + MetadataIds.of("relationship", name) + ")");
    }

    /**
     * The InsertOptionValue action: adds a choice to a local option set. Without a Value, the next one from
     * 100000000 is taken. Answers {@code {"NewOptionValue": n}}.
     */
    ApiResponse insertOptionValue(ApiRequest request, JsonNode body) {
        Table table = requireTable(required(body, "EntityLogicalName"));
        Column column = choice(table, required(body, "AttributeLogicalName"));
        int value;
        if (body.hasNonNull("Value")) {
            value = body.get("Value").asInt();
            if (column.option(value).isPresent()) {
                throw Errors.badRequest("The value " + value + " already exists in the option set of attribute '"
                        + column.logicalName() + "' of entity '" + table.logicalName() + "'.");
            }
        } else {
            value = Math.max(100_000_000, column.options().stream().mapToInt(Option::value).max().orElse(0) + 1);
        }
        List<Option> options = new ArrayList<>(column.options());
        options.add(Option.of(value, label(body.path("Label"), String.valueOf(value))));
        environment.store().write(() -> table.replaceColumn(column.toBuilder().options(options).build()));
        byte[] response = JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeStringField("@odata.context", request.root() + "$metadata#Microsoft.Dynamics.CRM.InsertOptionValueResponse");
            json.writeNumberField("NewOptionValue", value);
            json.writeEndObject();
        });
        return ApiResponse.json(200, response);
    }

    /** The DeleteOptionValue action: removes a choice; rows that hold it keep their value. */
    ApiResponse deleteOptionValue(JsonNode body) {
        Table table = requireTable(required(body, "EntityLogicalName"));
        Column column = choice(table, required(body, "AttributeLogicalName"));
        if (!body.path("Value").canConvertToInt()) {
            throw Errors.badRequest("DeleteOptionValue needs the Value to delete.");
        }
        int value = body.get("Value").asInt();
        if (column.option(value).isEmpty()) {
            throw Errors.badRequest("The value " + value + " is not in the option set of attribute '"
                    + column.logicalName() + "' of entity '" + table.logicalName() + "'.");
        }
        List<Option> options = column.options().stream().filter(o -> o.value() != value).toList();
        environment.store().write(() -> table.replaceColumn(column.toBuilder().options(options).build()));
        return ApiResponse.noContent();
    }

    private static Column choice(Table table, String name) {
        Column column = table.column(name).orElseThrow(() -> Errors.badRequest("The entity '" + table.logicalName()
                + "' has no attribute '" + name + "'."));
        if (column.type() != AttributeType.Picklist) {
            throw Errors.badRequest("The attribute '" + name + "' of entity '" + table.logicalName()
                    + "' is not a local choice (Picklist); state and status values are not changed this way.");
        }
        return column;
    }

    private Table requireTable(String logicalName) {
        return schema.table(logicalName).orElseThrow(() -> Errors.badRequest("There is no entity '" + logicalName + "'."));
    }

    /** A column from an AttributeMetadata body; lookups are created through RelationshipDefinitions instead. */
    private Column column(JsonNode node) {
        String schemaName = required(node, "SchemaName");
        AttributeType type = type(node);
        if (type.isLookup()) {
            throw Errors.badRequest("Attribute of type LookupAttributeMetadata cannot be created through the SDK; "
                    + "create a OneToManyRelationshipMetadata through RelationshipDefinitions.");
        }
        Column.Builder builder = Column.builder(schemaName.toLowerCase(Locale.ROOT), type).schemaName(schemaName)
                .displayName(label(node.path("DisplayName"), schemaName)).requiredLevel(requiredLevel(node))
                .custom(true);
        if (node.has("MaxLength")) {
            builder.maxLength(node.get("MaxLength").asInt());
        }
        if (node.has("Precision")) {
            builder.precision(node.get("Precision").asInt());
        }
        if (node.has("MinValue") || node.has("MaxValue")) {
            builder.range(node.has("MinValue") ? node.get("MinValue").decimalValue() : null,
                    node.has("MaxValue") ? node.get("MaxValue").decimalValue() : null);
        }
        String format = node.path("Format").asText(node.path("DateTimeBehavior").path("Value").asText(""));
        if (type == AttributeType.DateTime && format.equals("DateOnly")) {
            builder.dateFormat(DateFormat.DateOnly);
        }
        JsonNode optionSet = node.path("OptionSet");
        List<Option> options = new ArrayList<>();
        for (JsonNode option : optionSet.path("Options")) {
            options.add(Option.of(option.path("Value").asInt(), label(option.path("Label"), String.valueOf(option.path("Value").asInt()))));
        }
        if (optionSet.has("TrueOption")) {
            options.add(Option.of(1, label(optionSet.path("TrueOption").path("Label"), "Yes")));
            options.add(Option.of(0, label(optionSet.path("FalseOption").path("Label"), "No")));
        }
        return builder.options(options).build();
    }

    private static AttributeType type(JsonNode node) {
        String cast = node.path("@odata.type").asText("");
        if (!cast.isEmpty()) {
            String bare = cast.substring(cast.lastIndexOf('.') + 1);
            for (AttributeType type : AttributeType.values()) {
                if (type.metadataCast().equals(bare) && !type.isLookup()) {
                    return type;
                }
            }
            if (bare.equals("LookupAttributeMetadata")) {
                return AttributeType.Lookup;
            }
        }
        if (node.hasNonNull("AttributeType")) {
            return AttributeType.parse(node.get("AttributeType").asText());
        }
        throw Errors.badRequest("An attribute needs \"@odata.type\" (e.g. Microsoft.Dynamics.CRM.StringAttributeMetadata) "
                + "or AttributeType.");
    }

    private static RequiredLevel requiredLevel(JsonNode node) {
        return RequiredLevel.parse(node.path("RequiredLevel").path("Value").asText("None"));
    }

    private static String label(JsonNode label, String fallback) {
        JsonNode localized = label.path("LocalizedLabels");
        if (localized.isArray() && !localized.isEmpty()) {
            return localized.get(0).path("Label").asText(fallback);
        }
        return label.path("UserLocalizedLabel").path("Label").asText(fallback);
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw Errors.badRequest("The metadata body needs \"" + field + "\".");
        }
        return value.asText();
    }

    private static String plural(String logicalName) {
        if (logicalName.endsWith("y") && !logicalName.endsWith("ay") && !logicalName.endsWith("ey")) {
            return logicalName.substring(0, logicalName.length() - 1) + "ies";
        }
        return logicalName.endsWith("s") ? logicalName + "es" : logicalName + "s";
    }
}
