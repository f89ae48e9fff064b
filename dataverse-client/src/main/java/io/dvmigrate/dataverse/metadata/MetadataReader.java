package io.dvmigrate.dataverse.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.dataverse.error.DataverseException;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.http.ApiRequest;
import io.dvmigrate.dataverse.http.ApiResponse;
import io.dvmigrate.dataverse.http.Transport;
import io.dvmigrate.dataverse.read.QueryEncoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads table metadata through the documented {@code EntityDefinitions} queries: the table, its attributes (plus
 * one typed-cast query per kind of extra property: lookup targets, text lengths, choice options), its alternate
 * keys, and its many-to-one and many-to-many relationships. A table's queries run concurrently.
 */
public final class MetadataReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "Microsoft.Dynamics.CRM.";

    static final String TABLE_COLUMNS = "LogicalName,SchemaName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,"
            + "OwnershipType,IsIntersect,ObjectTypeCode,ChangeTrackingEnabled,IsCustomEntity";
    static final String ATTRIBUTE_COLUMNS = "LogicalName,SchemaName,AttributeType,AttributeTypeName,AttributeOf,"
            + "IsValidForCreate,IsValidForUpdate,IsValidForRead,IsPrimaryId,IsPrimaryName,RequiredLevel,IsCustomAttribute";
    static final String KEY_COLUMNS = "LogicalName,SchemaName,KeyAttributes,EntityKeyIndexStatus";
    static final String MANY_TO_ONE_COLUMNS = "SchemaName,ReferencingEntity,ReferencingAttribute,ReferencedEntity,"
            + "ReferencedAttribute,ReferencingEntityNavigationPropertyName,ReferencedEntityNavigationPropertyName";
    static final String MANY_TO_MANY_COLUMNS = "SchemaName,IntersectEntityName,Entity1LogicalName,Entity1IntersectAttribute,"
            + "Entity1NavigationPropertyName,Entity2LogicalName,Entity2IntersectAttribute,Entity2NavigationPropertyName";

    /** Typed casts that add properties to attributes, and the query options that fetch them. */
    private static final Map<String, String> TYPED_EXTRAS = typedExtras();

    private final Transport transport;
    private final ExecutorService executor;

    public MetadataReader(Transport transport, ExecutorService executor) {
        this.transport = transport;
        this.executor = executor;
    }

    /** Every table of the environment (no columns; {@link #table(String)} reads those). */
    public List<TableSummary> tables() {
        return values(get("EntityDefinitions?$select=" + TABLE_COLUMNS), MetadataParser::table);
    }

    /**
     * One table with its columns, keys and relationships.
     *
     * @throws RequestFailed with status 404 when the environment has no such table
     */
    public TableMetadata table(String logicalName) {
        String entity = "EntityDefinitions(LogicalName='" + logicalName.replace("'", "''") + "')";
        Future<JsonNode> table = submit(entity + "?$select=" + TABLE_COLUMNS);
        Future<JsonNode> attributes = submit(entity + "/Attributes?$select=" + ATTRIBUTE_COLUMNS);
        Map<String, Future<JsonNode>> extras = new LinkedHashMap<>();
        TYPED_EXTRAS.forEach((cast, options) -> extras.put(cast, submit(entity + "/Attributes/" + TYPE + cast + "?" + options)));
        Future<JsonNode> keys = submit(entity + "/Keys?$select=" + KEY_COLUMNS);
        Future<JsonNode> manyToOne = submit(entity + "/ManyToOneRelationships?$select=" + MANY_TO_ONE_COLUMNS);
        Future<JsonNode> manyToMany = submit(entity + "/ManyToManyRelationships?$select=" + MANY_TO_MANY_COLUMNS);

        Map<String, ObjectNode> merged = new LinkedHashMap<>();
        for (JsonNode attribute : join(attributes).path("value")) {
            merged.put(attribute.path("LogicalName").asText(), ((ObjectNode) attribute).deepCopy());
        }
        for (Future<JsonNode> extra : extras.values()) {
            for (JsonNode typed : join(extra).path("value")) {
                ObjectNode target = merged.get(typed.path("LogicalName").asText());
                if (target != null) {
                    typed.properties().forEach(p -> target.set(p.getKey(), p.getValue()));
                }
            }
        }
        List<ColumnMetadata> columns = merged.values().stream().map(MetadataParser::column).toList();
        return new TableMetadata(MetadataParser.table(join(table)), columns,
                values(join(keys), MetadataParser::key), values(join(manyToOne), MetadataParser::manyToOne),
                values(join(manyToMany), MetadataParser::manyToMany));
    }

    private static Map<String, String> typedExtras() {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("LookupAttributeMetadata", "$select=LogicalName,Targets");
        extras.put("StringAttributeMetadata", "$select=LogicalName,MaxLength");
        extras.put("MemoAttributeMetadata", "$select=LogicalName,MaxLength");
        for (String choice : List.of("PicklistAttributeMetadata", "StateAttributeMetadata", "StatusAttributeMetadata",
                "MultiSelectPicklistAttributeMetadata")) {
            extras.put(choice, "$select=LogicalName&$expand=" + QueryEncoding.value("OptionSet($select=Options),GlobalOptionSet($select=Options)"));
        }
        extras.put("BooleanAttributeMetadata", "$select=LogicalName&$expand=" + QueryEncoding.value("OptionSet($select=TrueOption,FalseOption)"));
        return extras;
    }

    private Future<JsonNode> submit(String relative) {
        return executor.submit(() -> get(relative));
    }

    private JsonNode get(String relative) {
        URI uri = transport.settings().serviceRoot().resolve(relative);
        ApiRequest request = ApiRequest.get(uri, Map.of());
        ApiResponse response = transport.send(request);
        if (!response.isSuccess()) {
            throw new RequestFailed(transport.environment(), request.line(), response.error(), response.attempts(), List.of());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("environment '" + transport.environment() + "': " + request.line() + " answered with invalid JSON", e);
        }
    }

    private static JsonNode join(Future<JsonNode> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading metadata", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DataverseException dataverse) {
                throw dataverse;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static <T> List<T> values(JsonNode collection, Function<JsonNode, T> parse) {
        List<T> items = new ArrayList<>();
        for (JsonNode item : collection.path("value")) {
            items.add(parse.apply(item));
        }
        return items;
    }
}
