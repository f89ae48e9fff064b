package io.dvmigrate.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.odata.Errors;
import io.dvmigrate.emulator.odata.ODataException;
import io.dvmigrate.emulator.odata.Preferences;
import io.dvmigrate.emulator.odata.QueryOptions;
import io.dvmigrate.emulator.odata.QueryString;
import io.dvmigrate.emulator.odata.ResourcePath;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Navigation;
import io.dvmigrate.emulator.schema.Table;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Web API of one environment: routes a request by its resource path and method to reads, writes, bulk
 * actions, $batch and metadata, and turns errors into Dataverse's error responses.
 */
public final class WebApi {
    private final Environment environment;
    private final Addressing addressing;
    private final Reads reads;
    private final Metadata metadata;

    public WebApi(Environment environment) {
        this.environment = environment;
        this.addressing = new Addressing(environment);
        this.reads = new Reads(environment);
        this.metadata = new Metadata(environment);
    }

    public Environment environment() {
        return environment;
    }

    public ApiResponse handle(ApiRequest request) {
        return handle(request, null);
    }

    /** Handles a request; inside a change set, {@code changeSet} carries the shared transaction. */
    ApiResponse handle(ApiRequest request, ChangeSet changeSet) {
        try {
            return route(request, changeSet);
        } catch (ODataException e) {
            return ApiResponse.error(e);
        }
    }

    private ApiResponse route(ApiRequest request, ChangeSet changeSet) {
        List<ResourcePath.Segment> segments = ResourcePath.parse(request.path());
        Map<String, String> parameters = QueryString.parse(request.query());
        String method = request.method();
        if (segments.isEmpty()) {
            requireMethod(method, "GET");
            return metadata.serviceDocument(request);
        }
        String first = segments.get(0).name();
        switch (first) {
            case "$metadata" -> {
                requireMethod(method, "GET");
                return metadata.csdl();
            }
            case "$batch" -> {
                requireMethod(method, "POST");
                return new Batch(this).execute(request);
            }
            case "WhoAmI" -> {
                requireMethod(method, "GET");
                return metadata.whoAmI(request);
            }
            case "InsertOptionValue" -> {
                requireMethod(method, "POST");
                return new SchemaChanges(environment).insertOptionValue(request, json(request, null));
            }
            case "DeleteOptionValue" -> {
                requireMethod(method, "POST");
                return new SchemaChanges(environment).deleteOptionValue(json(request, null));
            }
            case "RetrieveTotalRecordCount" -> {
                requireMethod(method, "GET");
                return reads.totalRecordCount(request, segments.get(0).key(), parameters);
            }
            case "EntityDefinitions", "RelationshipDefinitions", "GlobalOptionSetDefinitions", "ManagedPropertyDefinitions" -> {
                return metadata.definitions(request, segments, parameters);
            }
            default -> {
                return entities(request, segments, parameters, changeSet);
            }
        }
    }

    private ApiResponse entities(ApiRequest request, List<ResourcePath.Segment> segments,
                                 Map<String, String> parameters, ChangeSet changeSet) {
        ResourcePath.Segment head = segments.get(0);
        Table table = addressing.tableBySet(head.name());
        String method = request.method();
        Preferences preferences = Preferences.parse(request.headers("Prefer"));
        if (!head.hasKey()) {
            if (segments.size() == 1) {
                return switch (method) {
                    case "GET" -> reads.collection(request, table, QueryOptions.parse(parameters), preferences,
                            row -> true, table.entitySetName());
                    case "POST" -> create(request, table, parameters, preferences, changeSet);
                    default -> throw Errors.methodNotAllowed(method);
                };
            }
            String second = segments.get(1).name();
            if (segments.size() == 2 && second.equals("$count")) {
                requireMethod(method, "GET");
                return reads.count(table, QueryOptions.parse(parameters));
            }
            if (segments.size() == 2 && second.startsWith("Microsoft.Dynamics.CRM.")) {
                requireMethod(method, "POST");
                String action = second.substring("Microsoft.Dynamics.CRM.".length());
                JsonNode body = json(request, table);
                return write(request, changeSet, (records, context) ->
                        new BulkActions(records, context).execute(table, action, body));
            }
            throw Errors.segmentNotFound(second);
        }
        KeyLookup key = addressing.key(table, head.key());
        if (segments.size() == 1) {
            return switch (method) {
                case "GET" -> reads.row(request, key, QueryOptions.parse(parameters), preferences);
                case "PATCH" -> upsert(request, key, parameters, preferences, changeSet);
                case "DELETE" -> write(request, changeSet, (records, context) -> {
                    Row row = key.find(environment.store().table(table));
                    if (row == null) {
                        throw Reads.notFound(key);
                    }
                    String ifMatch = request.header("If-Match").orElse(null);
                    if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(RowWriter.etag(row))) {
                        throw Errors.versionMismatch();
                    }
                    records.delete(table, row);
                    return ApiResponse.noContent();
                });
                default -> throw Errors.methodNotAllowed(method);
            };
        }
        ResourcePath.Segment second = segments.get(1);
        Navigation navigation = environment.schema().navigation(table, second.name()).orElse(null);
        if (navigation == null) {
            if (segments.size() > 2 || second.hasKey()) {
                throw Errors.segmentNotFound(second.toString());
            }
            Column column = RowPaths.column(table, second.name());
            return property(request, key, column, changeSet);
        }
        if (segments.size() == 2 && !second.hasKey()) {
            requireMethod(method, "GET");
            return navigate(request, key, navigation, parameters, preferences);
        }
        boolean ref = segments.get(segments.size() - 1).name().equals("$ref");
        if (!ref || segments.size() != 3) {
            throw Errors.segmentNotFound(segments.get(segments.size() - 1).toString());
        }
        return reference(request, key, navigation, second, parameters, changeSet);
    }

    private ApiResponse create(ApiRequest request, Table table, Map<String, String> parameters,
                               Preferences preferences, ChangeSet changeSet) {
        JsonNode body = json(request, table);
        return write(request, changeSet, (records, context) -> {
            Row row = records.create(table, EntityPayload.read(context, table, body), null);
            String entityId = request.root() + table.entitySetName() + "(" + row.id() + ")";
            if (preferences.returnRepresentation()) {
                return representation(request, table, row, parameters, preferences, 201);
            }
            return ApiResponse.noContent().header("OData-EntityId", entityId);
        });
    }

    private ApiResponse upsert(ApiRequest request, KeyLookup key, Map<String, String> parameters,
                               Preferences preferences, ChangeSet changeSet) {
        JsonNode body = json(request, key.table());
        String ifMatch = request.header("If-Match").orElse(null);
        String ifNoneMatch = request.header("If-None-Match").filter(v -> !v.equalsIgnoreCase("null")).orElse(null);
        return write(request, changeSet, (records, context) -> {
            Records.Upserted upserted = records.upsert(key, EntityPayload.read(context, key.table(), body),
                    ifMatch, ifNoneMatch);
            String entityId = request.root() + key.path();
            if (preferences.returnRepresentation()) {
                return representation(request, key.table(), upserted.row(), parameters, preferences,
                        upserted.created() ? 201 : 200).header("OData-EntityId", entityId);
            }
            return ApiResponse.noContent().header("OData-EntityId", entityId);
        });
    }

    private ApiResponse representation(ApiRequest request, Table table, Row row, Map<String, String> parameters,
                                       Preferences preferences, int status) {
        QueryOptions options = QueryOptions.parse(parameters);
        Projection projection = Projection.of(environment.schema(), table, options);
        byte[] body = reads.entityBody(request, projection, row, preferences);
        return ApiResponse.json(status, body).header("ETag", RowWriter.etag(row))
                .header("Preference-Applied", "return=representation");
    }

    private ApiResponse property(ApiRequest request, KeyLookup key, Column column, ChangeSet changeSet) {
        String method = request.method();
        if (method.equals("GET")) {
            return reads.property(request, key, column);
        }
        if (!method.equals("PUT") && !method.equals("DELETE")) {
            throw Errors.methodNotAllowed(method);
        }
        JsonNode body = method.equals("PUT") ? json(request, key.table()) : null;
        return write(request, changeSet, (records, context) -> {
            Row row = key.find(environment.store().table(key.table()));
            if (row == null) {
                throw Reads.notFound(key);
            }
            if (column.type().isLookup()) {
                throw Errors.lookupValueWritten();
            }
            Object value = body == null ? null : EntityPayload.checked(key.table(), column, body.get("value"));
            EntityPayload payload = new EntityPayload(key.table(), java.util.Collections.singletonMap(column, value),
                    Map.of(), List.of(), null, null);
            records.update(key.table(), row, payload, Set.of());
            return ApiResponse.noContent();
        });
    }

    private ApiResponse navigate(ApiRequest request, KeyLookup key, Navigation navigation,
                                 Map<String, String> parameters, Preferences preferences) {
        QueryOptions options = QueryOptions.parse(parameters);
        Row parent = environment.store().read(() -> key.find(environment.store().table(key.table())));
        if (parent == null) {
            throw Reads.notFound(key);
        }
        String path = key.path() + "/" + navigation.name();
        if (navigation instanceof Navigation.Single single) {
            if (!(parent.get(single.column()) instanceof io.dvmigrate.emulator.data.Ref ref)
                    || !single.targets().contains(ref.table())) {
                return ApiResponse.noContent();
            }
            Table target = environment.schema().requireTable(ref.table());
            return reads.row(request, new KeyLookup(target, ref.id(), null, Map.of(), ref.id().toString()), options,
                    preferences);
        }
        RowWriter writer = new RowWriter(environment, preferences, request.root());
        Table target = writer.collectionTable(navigation);
        var scope = environment.store().read(() -> Reads.belongsTo(writer, navigation, parent.id()));
        return reads.collection(request, target, options, preferences, scope, path);
    }

    private ApiResponse reference(ApiRequest request, KeyLookup key, Navigation navigation,
                                  ResourcePath.Segment segment, Map<String, String> parameters, ChangeSet changeSet) {
        String method = request.method();
        JsonNode body = method.equals("DELETE") ? null : json(request, key.table());
        return write(request, changeSet, (records, context) -> {
            Row row = key.find(environment.store().table(key.table()));
            if (row == null) {
                throw Reads.notFound(key);
            }
            switch (method) {
                case "POST", "PUT" -> {
                    JsonNode id = body.get("@odata.id");
                    if (id == null || !id.isTextual()) {
                        throw Errors.badRequest("The body of a $ref request must be {\"@odata.id\": \"<record URL>\"}.");
                    }
                    KeyLookup target = addressing.reference(id.asText(), context.contentIds());
                    if (navigation instanceof Navigation.Single single) {
                        records.setSingle(key.table(), row.id(), single, target);
                    } else {
                        records.associate(key.table(), row.id(), navigation, target);
                    }
                }
                case "DELETE" -> {
                    KeyLookup target = null;
                    if (!(navigation instanceof Navigation.Single)) {
                        Table other = new RowWriter(environment, Preferences.none(), request.root())
                                .collectionTable(navigation);
                        if (segment.hasKey()) {
                            target = addressing.key(other, segment.key());
                        } else if (parameters.containsKey("$id")) {
                            target = addressing.reference(parameters.get("$id"), context.contentIds());
                        } else {
                            throw Errors.badRequest("Removing a collection reference needs the related record: "
                                    + navigation.name() + "(<id>)/$ref or $ref?$id=<record URL>.");
                        }
                    }
                    records.disassociate(key.table(), row.id(), navigation, target);
                }
                default -> throw Errors.methodNotAllowed(method);
            }
            return ApiResponse.noContent();
        });
    }

    /** A unit of write work, given the records and the context it runs in. */
    interface Work {
        ApiResponse apply(Records records, WriteContext context);
    }

    /**
     * Runs writes under the store's write lock in one transaction: rolled back on any error unless a change set
     * owns the transaction (then the change set rolls back).
     */
    ApiResponse write(ApiRequest request, ChangeSet changeSet, Work work) {
        return environment.store().write(() -> {
            ChangeSet unit = changeSet != null ? changeSet : new ChangeSet();
            WriteContext context = new WriteContext(environment, request.caller(), unit.transaction(), Instant.now(),
                    unit.contentIds(), request.root());
            Records records = new Records(context);
            try {
                ApiResponse response = work.apply(records, context);
                return response.records(0, records.written());
            } catch (RuntimeException e) {
                if (changeSet == null) {
                    unit.transaction().rollback();
                }
                throw e;
            }
        });
    }

    /** The request's JSON body; {@code table} names the entity in the error, null for metadata requests. */
    static JsonNode json(ApiRequest request, Table table) {
        String problem = null;
        JsonNode body = null;
        if (request.body() == null || request.body().length == 0) {
            problem = "The request body is empty.";
        } else {
            try {
                body = JsonBodies.MAPPER.readTree(request.body());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                problem = "The body is not valid JSON: " + e.getOriginalMessage();
            } catch (IOException e) {
                problem = "The body is not valid JSON: " + e.getMessage();
            }
        }
        if (problem == null) {
            return body;
        }
        throw table == null ? Errors.badRequest(problem)
                : Errors.payload(table, "Microsoft.OData.ODataException: " + problem);
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw Errors.methodNotAllowed(method);
        }
    }
}
