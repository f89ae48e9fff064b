package io.dvmigrate.emulator.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.ValueException;
import io.dvmigrate.emulator.data.Values;
import io.dvmigrate.emulator.environment.Seeder;
import io.dvmigrate.emulator.schema.AttributeType;
import io.dvmigrate.emulator.schema.Cascade;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.DateFormat;
import io.dvmigrate.emulator.schema.IntersectTable;
import io.dvmigrate.emulator.schema.KeyStatus;
import io.dvmigrate.emulator.schema.LookupTarget;
import io.dvmigrate.emulator.schema.ManyToMany;
import io.dvmigrate.emulator.schema.Option;
import io.dvmigrate.emulator.schema.OwnershipType;
import io.dvmigrate.emulator.schema.RequiredLevel;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;
import io.dvmigrate.emulator.schema.TableBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The emulator's own schema-and-rows format (README "json: format"). One document defines tables (with their
 * columns, keys and lookups), many-to-many relationships, and optionally rows and associations, inline or in a
 * JSON-lines file next to the document. The built-in system, demo and generated schemas are written in it too.
 */
public final class JsonDocument {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode root;
    private final Path baseDirectory;
    private final String origin;

    private JsonDocument(JsonNode root, Path baseDirectory, String origin) {
        this.root = root;
        this.baseDirectory = baseDirectory;
        this.origin = origin;
    }

    public static JsonDocument read(Path file) {
        try {
            return new JsonDocument(MAPPER.readTree(file.toFile()), file.toAbsolutePath().getParent(), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read json source " + file + ": " + e.getMessage(), e);
        }
    }

    public static JsonDocument resource(String name) {
        try (InputStream in = JsonDocument.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new JsonDocument(MAPPER.readTree(in), null, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the document's tables and relationships to {@code schema}. */
    public void define(Schema schema) {
        for (JsonNode table : root.path("tables")) {
            defineTable(schema, table);
        }
        defineManyToMany(schema);
    }

    /** Adds only the tables {@code schema} does not have yet (system tables next to a real $metadata). */
    public void defineMissing(Schema schema) {
        for (JsonNode table : root.path("tables")) {
            if (!schema.hasTable(text(table, "logicalName"))) {
                defineTable(schema, table);
            }
        }
        defineManyToMany(schema);
    }

    private void defineManyToMany(Schema schema) {
        for (JsonNode relationship : root.path("manyToMany")) {
            IntersectTable.define(schema, text(relationship, "name"), optional(relationship, "intersect"),
                    optional(relationship, "entitySetName"), text(relationship, "entity1"),
                    text(relationship, "entity2"), optional(relationship, "entity1Attribute"),
                    optional(relationship, "entity2Attribute"), optional(relationship, "entity1Navigation"),
                    optional(relationship, "entity2Navigation"), relationship.path("custom").asBoolean(true));
        }
    }

    /** Loads the document's rows and associations. */
    public void populate(Seeder seeder, Schema schema) {
        for (JsonNode table : root.path("tables")) {
            Table defined = schema.requireTable(text(table, "logicalName"));
            for (JsonNode row : table.path("rows")) {
                insert(seeder, defined, row);
            }
            String rowsFile = optional(table, "rowsFile");
            if (rowsFile != null) {
                insertLines(seeder, defined, resolve(rowsFile));
            }
        }
        for (JsonNode relationship : root.path("manyToMany")) {
            ManyToMany defined = schema.manyToMany().stream()
                    .filter(r -> r.schemaName().equals(text(relationship, "name"))).findFirst().orElseThrow();
            for (JsonNode pair : relationship.path("associations")) {
                if (!pair.isArray() || pair.size() != 2) {
                    throw new IllegalArgumentException(origin + ": association of '" + defined.schemaName()
                            + "' must be a pair of ids, got " + pair);
                }
                seeder.associate(defined, UUID.fromString(pair.get(0).asText()), UUID.fromString(pair.get(1).asText()));
            }
        }
    }

    private Path resolve(String file) {
        Path path = Path.of(file);
        return path.isAbsolute() || baseDirectory == null ? path : baseDirectory.resolve(path);
    }

    private void insertLines(Seeder seeder, Table table, Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    try {
                        insert(seeder, table, MAPPER.readTree(line));
                    } catch (IOException | RuntimeException e) {
                        throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read rows file " + file + ": " + e.getMessage(), e);
        }
    }

    private void insert(Seeder seeder, Table table, JsonNode row) {
        Map<String, Object> values = new LinkedHashMap<>();
        row.fields().forEachRemaining(field -> {
            Column column = table.column(field.getKey()).orElseThrow(() -> new IllegalArgumentException(origin
                    + ": table '" + table.logicalName() + "' has no column '" + field.getKey() + "'"));
            values.put(column.logicalName(), value(table, column, field.getValue()));
        });
        values.putIfAbsent(table.primaryIdAttribute(), UUID.randomUUID());
        seeder.insert(table.logicalName(), values);
    }

    private Object value(Table table, Column column, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (column.type().isLookup()) {
            if (node.isObject()) {
                return new Ref(text(node, "table"), UUID.fromString(text(node, "id")));
            }
            if (column.targets().size() != 1) {
                throw new IllegalArgumentException(origin + ": " + table.logicalName() + "." + column.logicalName()
                        + " has several targets; write {\"table\":...,\"id\":...}");
            }
            return new Ref(column.targets().get(0), UUID.fromString(node.asText()));
        }
        try {
            return Values.fromJson(column, node);
        } catch (ValueException e) {
            throw new IllegalArgumentException(origin + ": " + table.logicalName() + ": " + e.getMessage(), e);
        }
    }

    private void defineTable(Schema schema, JsonNode node) {
        String name = text(node, "logicalName");
        boolean custom = node.path("custom").asBoolean(false);
        TableBuilder builder = new TableBuilder(schema, name)
                .entitySetName(optional(node, "entitySetName"))
                .displayName(optional(node, "displayName"))
                .primaryId(optional(node, "primaryId"))
                .primaryName(optional(node, "primaryName"))
                .ownership(OwnershipType.parse(node.path("ownership").asText("UserOwned")))
                .custom(custom)
                .activity(node.path("activity").asBoolean(false))
                .objectTypeCode(node.path("objectTypeCode").asInt(0))
                .changeTracking(node.path("changeTracking").asBoolean(true))
                .bulkOperations(node.path("bulkOperations").asBoolean(true))
                .standardColumns(node.path("standardColumns").asBoolean(true))
                .stateModel(node.path("stateModel").asBoolean(true));
        if (node.has("states")) {
            builder.states(options(node.path("states")), options(node.path("statuses")));
        }
        for (JsonNode column : node.path("columns")) {
            Column defined = column(column, custom);
            if (defined.type().isLookup()) {
                builder.lookup(defined, lookupTargets(column, defined));
            } else {
                builder.column(defined);
            }
        }
        for (JsonNode key : node.path("keys")) {
            List<String> columns = new ArrayList<>();
            key.path("columns").forEach(c -> columns.add(c.asText()));
            builder.key(text(key, "name"), columns, KeyStatus.parse(key.path("status").asText("Active")));
        }
        builder.build();
    }

    private Column column(JsonNode node, boolean customTable) {
        String name = text(node, "name");
        AttributeType type = AttributeType.parse(text(node, "type"));
        Column.Builder builder = Column.builder(name, type)
                .schemaName(optional(node, "schemaName"))
                .displayName(optional(node, "displayName"))
                .requiredLevel(RequiredLevel.parse(node.path("required").asText("None")))
                .custom(node.path("custom").asBoolean(customTable || name.contains("_")))
                .primaryName(node.path("primaryName").asBoolean(false));
        if (node.has("maxLength")) {
            builder.maxLength(node.get("maxLength").asInt());
        }
        if (node.path("readOnly").asBoolean(false)) {
            builder.readOnly();
        }
        if (node.has("validForCreate")) {
            builder.validForCreate(node.get("validForCreate").asBoolean());
        }
        if (node.has("validForUpdate")) {
            builder.validForUpdate(node.get("validForUpdate").asBoolean());
        }
        if (node.has("precision")) {
            builder.precision(node.get("precision").asInt());
        }
        if (node.has("min") || node.has("max")) {
            builder.range(node.has("min") ? node.get("min").decimalValue() : null,
                    node.has("max") ? node.get("max").decimalValue() : null);
        }
        if (node.has("format")) {
            builder.dateFormat(DateFormat.valueOf(node.get("format").asText()));
        }
        if (node.has("options")) {
            builder.options(options(node.get("options")));
        }
        if (type.isLookup()) {
            List<String> targets = new ArrayList<>();
            node.path("targets").forEach(t -> targets.add(t.asText()));
            if (targets.isEmpty()) {
                throw new IllegalArgumentException(origin + ": lookup '" + name + "' needs targets");
            }
            builder.targets(targets);
        }
        if (type == AttributeType.Money && !node.has("min")) {
            builder.range(new BigDecimal("-922337203685477"), new BigDecimal("922337203685477"));
        }
        return builder.build();
    }

    private List<LookupTarget> lookupTargets(JsonNode node, Column column) {
        List<LookupTarget> targets = new ArrayList<>();
        if (node.has("relationships")) {
            for (JsonNode relationship : node.get("relationships")) {
                targets.add(lookupTarget(relationship, text(relationship, "target")));
            }
        } else if (column.targets().size() == 1) {
            targets.add(lookupTarget(node, column.targets().get(0)));
        }
        return targets;
    }

    private static LookupTarget lookupTarget(JsonNode node, String target) {
        String cascade = optional(node, "cascade");
        return new LookupTarget(target, optional(node, "relationship"), optional(node, "navigation"),
                optional(node, "referencedNavigation"), cascade == null ? null : Cascade.parse(cascade));
    }

    private static List<Option> options(JsonNode array) {
        List<Option> options = new ArrayList<>();
        for (JsonNode option : array) {
            options.add(new Option(option.path("value").asInt(), option.path("label").asText(),
                    option.has("state") ? option.get("state").asInt() : null,
                    option.has("defaultStatus") ? option.get("defaultStatus").asInt() : null,
                    optional(option, "invariantName")));
        }
        return options;
    }

    private String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(origin + ": '" + field + "' is missing in " + abbreviate(node));
        }
        return value.asText();
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String abbreviate(JsonNode node) {
        String text = node instanceof ArrayNode ? "[...]" : node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
