package io.dvmigrate.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.odata.Errors;
import io.dvmigrate.emulator.odata.KeyPredicate;
import io.dvmigrate.emulator.odata.QueryOptions;
import io.dvmigrate.emulator.odata.ResourcePath;
import io.dvmigrate.emulator.schema.AlternateKey;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Service document, {@code $metadata}, WhoAmI, and the metadata entity sets: EntityDefinitions (with Attributes
 * and their typed casts, Keys, ManyToOne/OneToMany/ManyToMany relationships), RelationshipDefinitions and
 * GlobalOptionSetDefinitions. Creating tables, columns, keys and relationships goes to {@link SchemaChanges}.
 */
final class Metadata {
    private static final String CAST = "Microsoft.Dynamics.CRM.";
    /** The metadata API's entity sets, listed in the service document next to the tables'. */
    static final List<String> METADATA_SETS = List.of("EntityDefinitions", "RelationshipDefinitions",
            "GlobalOptionSetDefinitions", "ManagedPropertyDefinitions");

    private final Environment environment;
    private final Schema schema;
    private final MetadataJson json;

    Metadata(Environment environment) {
        this.environment = environment;
        this.schema = environment.schema();
        this.json = new MetadataJson(schema);
    }

    ApiResponse serviceDocument(ApiRequest request) {
        return ApiResponse.json(200, JsonBodies.write(out -> {
            out.writeStartObject();
            out.writeStringField("@odata.context", request.root() + "$metadata");
            out.writeArrayFieldStart("value");
            List<String> sets = new ArrayList<>();
            schema.tables().forEach(t -> sets.add(t.entitySetName()));
            sets.addAll(METADATA_SETS);
            for (String set : sets) {
                out.writeStartObject();
                out.writeStringField("name", set);
                out.writeStringField("kind", "EntitySet");
                out.writeStringField("url", set);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }));
    }

    ApiResponse csdl() {
        return new ApiResponse(200).header("Content-Type", "application/xml")
                .body(new CsdlWriter(schema).write().getBytes(StandardCharsets.UTF_8));
    }

    ApiResponse whoAmI(ApiRequest request) {
        UUID businessUnit = environment.ids().rootBusinessUnit();
        return ApiResponse.json(200, JsonBodies.write(out -> {
            out.writeStartObject();
            out.writeStringField("@odata.context", request.root() + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
            out.writeStringField("BusinessUnitId", businessUnit.toString());
            out.writeStringField("UserId", request.caller().toString());
            out.writeStringField("OrganizationId", environment.ids().organization().toString());
            out.writeEndObject();
        }));
    }

    ApiResponse definitions(ApiRequest request, List<ResourcePath.Segment> segments, Map<String, String> parameters) {
        QueryOptions options = QueryOptions.parse(parameters);
        ResourcePath.Segment head = segments.get(0);
        String method = request.method();
        SchemaChanges changes = new SchemaChanges(environment);
        switch (head.name()) {
            case "GlobalOptionSetDefinitions", "ManagedPropertyDefinitions" -> {
                return list(request, head.name(), List.of(), options);
            }
            case "RelationshipDefinitions" -> {
                if (method.equals("POST") && segments.size() == 1) {
                    return changes.createRelationship(request, WebApi.json(request, null));
                }
                return relationshipDefinitions(request, segments, options);
            }
            default -> {
            }
        }
        if (!head.hasKey()) {
            if (segments.size() != 1) {
                throw Errors.segmentNotFound(segments.get(1).toString());
            }
            if (method.equals("POST")) {
                return changes.createTable(request, WebApi.json(request, null));
            }
            List<ObjectNode> entities = new ArrayList<>();
            Predicate<JsonNode> filter = MetadataQuery.filter(options);
            for (Table table : schema.tables()) {
                ObjectNode entity = json.entity(table);
                if (filter.test(entity)) {
                    entities.add(MetadataQuery.select(entity, options.select(), expandEntity(table, options)));
                }
            }
            return list(request, "EntityDefinitions" + selection(options), entities, QueryOptions.none());
        }
        Table table = table(head.key());
        if (segments.size() == 1) {
            if (method.equals("PUT")) {
                return changes.updateTable(table, WebApi.json(request, table));
            }
            ObjectNode entity = MetadataQuery.select(json.entity(table), options.select(), expandEntity(table, options));
            return single(request, "EntityDefinitions" + selection(options), entity);
        }
        ResourcePath.Segment part = segments.get(1);
        String context = "EntityDefinitions('" + table.logicalName() + "')/" + part.name();
        switch (part.name()) {
            case "Attributes" -> {
                String cast = segments.size() > 2 && segments.get(2).name().startsWith(CAST)
                        ? segments.get(2).name().substring(CAST.length()) : null;
                if (cast != null && cast.equals("EnumAttributeMetadata")) {
                    throw Errors.badRequest("Type 'Microsoft.Dynamics.CRM.EnumAttributeMetadata' is abstract and cannot be used as a cast.");
                }
                if (part.hasKey() && method.equals("GET")) {
                    Optional<ObjectNode> shadow = shadow(table, part.key());
                    if (shadow.isPresent()) {
                        return single(request, context, MetadataQuery.select(shadow.get(), options.select(), Map.of()));
                    }
                }
                if (part.hasKey()) {
                    Column column = column(table, part.key());
                    if (method.equals("PUT")) {
                        return changes.updateColumn(request, table, column, WebApi.json(request, table));
                    }
                    if (cast != null && !column.type().metadataCast().equals(cast)) {
                        throw Errors.badRequest("The attribute '" + column.logicalName() + "' is not a " + cast + ".");
                    }
                    return single(request, context + (cast == null ? "" : "/" + CAST + cast),
                            attribute(table, column, options));
                }
                if (method.equals("POST")) {
                    return changes.addColumn(request, table, WebApi.json(request, table));
                }
                List<ObjectNode> attributes = attributes(table, cast, options);
                return list(request, context + (cast == null ? "" : "/" + CAST + cast) + selection(options), attributes,
                        QueryOptions.none());
            }
            case "Keys" -> {
                if (method.equals("POST") && !part.hasKey()) {
                    return changes.addKey(request, table, WebApi.json(request, table));
                }
                List<ObjectNode> keys = new ArrayList<>();
                for (AlternateKey key : table.keys()) {
                    if (!part.hasKey() || key.logicalName().equals(name(part.key(), "LogicalName"))) {
                        keys.add(json.key(table, key));
                    }
                }
                return part.hasKey() ? single(request, context, first(keys, part)) : list(request, context, keys, options);
            }
            case "ManyToOneRelationships" -> {
                return relationships(request, context, part, schema.manyToOne(table).stream().map(json::oneToMany).toList(), options);
            }
            case "OneToManyRelationships" -> {
                return relationships(request, context, part, schema.oneToManyOf(table).stream().map(json::oneToMany).toList(), options);
            }
            case "ManyToManyRelationships" -> {
                return relationships(request, context, part, schema.manyToManyOf(table).stream().map(json::manyToMany).toList(), options);
            }
            default -> throw Errors.segmentNotFound(part.toString());
        }
    }

    private ApiResponse relationshipDefinitions(ApiRequest request, List<ResourcePath.Segment> segments,
                                                QueryOptions options) {
        ResourcePath.Segment head = segments.get(0);
        String cast = segments.size() > 1 && segments.get(1).name().startsWith(CAST)
                ? segments.get(1).name().substring(CAST.length()) : null;
        List<ObjectNode> all = new ArrayList<>();
        if (cast == null || cast.equals("OneToManyRelationshipMetadata")) {
            schema.oneToMany().forEach(r -> all.add(json.oneToMany(r)));
        }
        if (cast == null || cast.equals("ManyToManyRelationshipMetadata")) {
            schema.manyToMany().forEach(r -> all.add(json.manyToMany(r)));
        }
        return relationships(request, "RelationshipDefinitions" + (cast == null ? "" : "/" + CAST + cast), head, all,
                options);
    }

    private ApiResponse relationships(ApiRequest request, String context, ResourcePath.Segment part,
                                      List<ObjectNode> relationships, QueryOptions options) {
        if (part.hasKey()) {
            String name = name(part.key(), "SchemaName");
            List<ObjectNode> found = relationships.stream()
                    .filter(r -> r.path("SchemaName").asText().equals(name)
                            || r.path("MetadataId").asText().equalsIgnoreCase(name)).toList();
            return single(request, context, MetadataQuery.select(first(found, part), options.select(), Map.of()));
        }
        return list(request, context + selection(options), relationships, options);
    }

    private List<ObjectNode> attributes(Table table, String cast, QueryOptions options) {
        Predicate<JsonNode> filter = MetadataQuery.filter(options);
        List<ObjectNode> attributes = new ArrayList<>();
        for (Column column : table.columns()) {
            if (cast == null || column.type().metadataCast().equals(cast)) {
                ObjectNode attribute = json.attribute(table, column);
                if (filter.test(attribute)) {
                    attributes.add(MetadataQuery.select(attribute, options.select(), expandAttribute(table, column, options)));
                }
            }
            for (MetadataJson.Shadow shadow : json.shadows(table, column)) {
                if ((cast == null || cast.equals(shadow.cast())) && filter.test(shadow.node())) {
                    attributes.add(MetadataQuery.select(shadow.node(), options.select(), Map.of()));
                }
            }
        }
        return attributes;
    }

    private ObjectNode attribute(Table table, Column column, QueryOptions options) {
        return MetadataQuery.select(json.attribute(table, column), options.select(),
                expandAttribute(table, column, options));
    }

    private Map<String, JsonNode> expandAttribute(Table table, Column column, QueryOptions options) {
        Map<String, JsonNode> expanded = new LinkedHashMap<>();
        for (QueryOptions.Expand expand : options.expand()) {
            switch (expand.navigation()) {
                case "OptionSet" -> {
                    if (column.type().isChoice() || column.type() == io.dvmigrate.emulator.schema.AttributeType.Boolean) {
                        expanded.put("OptionSet", MetadataQuery.select(json.optionSet(table, column),
                                expand.options().select(), Map.of()));
                    }
                }
                case "GlobalOptionSet" -> expanded.put("GlobalOptionSet", com.fasterxml.jackson.databind.node.NullNode.instance);
                default -> throw Errors.badRequest("Could not find a property named '" + expand.navigation()
                        + "' on type 'Microsoft.Dynamics.CRM.AttributeMetadata'.");
            }
        }
        return expanded;
    }

    private Map<String, JsonNode> expandEntity(Table table, QueryOptions options) {
        Map<String, JsonNode> expanded = new LinkedHashMap<>();
        for (QueryOptions.Expand expand : options.expand()) {
            QueryOptions nested = expand.options();
            Function<List<ObjectNode>, ArrayNode> array = items -> {
                ArrayNode node = JsonBodies.MAPPER.createArrayNode();
                Predicate<JsonNode> filter = MetadataQuery.filter(nested);
                items.stream().filter(filter).map(i -> MetadataQuery.select(i, nested.select(), Map.of())).forEach(node::add);
                return node;
            };
            switch (expand.navigation()) {
                case "Attributes" -> {
                    ArrayNode node = JsonBodies.MAPPER.createArrayNode();
                    attributes(table, null, nested).forEach(node::add);
                    expanded.put("Attributes", node);
                }
                case "Keys" -> expanded.put("Keys", array.apply(table.keys().stream().map(k -> json.key(table, k)).toList()));
                case "ManyToOneRelationships" -> expanded.put(expand.navigation(),
                        array.apply(schema.manyToOne(table).stream().map(json::oneToMany).toList()));
                case "OneToManyRelationships" -> expanded.put(expand.navigation(),
                        array.apply(schema.oneToManyOf(table).stream().map(json::oneToMany).toList()));
                case "ManyToManyRelationships" -> expanded.put(expand.navigation(),
                        array.apply(schema.manyToManyOf(table).stream().map(json::manyToMany).toList()));
                default -> throw Errors.badRequest("Could not find a property named '" + expand.navigation()
                        + "' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.");
            }
        }
        return expanded;
    }

    /** A table by {@code LogicalName='x'} or by MetadataId. */
    Table table(String key) {
        KeyPredicate predicate = KeyPredicate.parse(key);
        Optional<Table> table;
        if (predicate.isSingle() && predicate.single() instanceof UUID id) {
            table = schema.tables().stream().filter(t -> t.metadataId().equals(id)).findFirst();
        } else {
            String name = name(key, "LogicalName");
            table = schema.table(name);
        }
        return table.orElseThrow(() -> new io.dvmigrate.emulator.odata.ODataException(404, "0x80040217",
                "Could not find an entity with key " + key + "."));
    }

    /** A shadow attribute (owneridname, statecodename, …) by name, when the key names one. */
    private Optional<ObjectNode> shadow(Table table, String key) {
        KeyPredicate predicate = KeyPredicate.parse(key);
        Object name = predicate.isSingle() ? null : predicate.named().get("LogicalName");
        if (name == null || table.column(name.toString()).isPresent()) {
            return Optional.empty();
        }
        for (Column column : table.columns()) {
            for (MetadataJson.Shadow shadow : json.shadows(table, column)) {
                if (shadow.node().get("LogicalName").asText().equals(name)) {
                    return Optional.of(shadow.node());
                }
            }
        }
        return Optional.empty();
    }

    private static Column column(Table table, String key) {
        KeyPredicate predicate = KeyPredicate.parse(key);
        Optional<Column> column;
        if (predicate.isSingle() && predicate.single() instanceof UUID id) {
            column = table.columns().stream().filter(c -> c.metadataId().equals(id)).findFirst();
        } else {
            column = table.column(name(key, "LogicalName"));
        }
        return column.orElseThrow(() -> new io.dvmigrate.emulator.odata.ODataException(404, "0x80040217",
                "Could not find an attribute with key " + key + " on entity " + table.logicalName() + "."));
    }

    private static String name(String key, String property) {
        KeyPredicate predicate = KeyPredicate.parse(key);
        Object value = predicate.isSingle() ? predicate.single() : predicate.named().get(property);
        if (value == null) {
            throw Errors.badRequest("The key '" + key + "' must name " + property + ".");
        }
        return value.toString();
    }

    private static ObjectNode first(List<ObjectNode> found, ResourcePath.Segment part) {
        if (found.isEmpty()) {
            throw new io.dvmigrate.emulator.odata.ODataException(404, "0x80040217",
                    "Could not find " + part + ".");
        }
        return found.get(0);
    }

    private static String selection(QueryOptions options) {
        return options.select() == null ? "" : "(" + String.join(",", options.select()) + ")";
    }

    private ApiResponse list(ApiRequest request, String context, List<? extends JsonNode> items, QueryOptions options) {
        Predicate<JsonNode> filter = MetadataQuery.filter(options);
        ObjectNode body = JsonBodies.MAPPER.createObjectNode();
        body.put("@odata.context", request.root() + "$metadata#" + context);
        ArrayNode value = body.putArray("value");
        for (JsonNode item : items) {
            if (filter.test(item)) {
                value.add(item instanceof ObjectNode object
                        ? MetadataQuery.select(object, options.select(), Map.of()) : item);
            }
        }
        return ApiResponse.json(200, bytes(body));
    }

    private ApiResponse single(ApiRequest request, String context, ObjectNode item) {
        ObjectNode body = JsonBodies.MAPPER.createObjectNode();
        body.put("@odata.context", request.root() + "$metadata#" + context + "/$entity");
        body.setAll(item);
        return ApiResponse.json(200, bytes(body));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JsonBodies.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
