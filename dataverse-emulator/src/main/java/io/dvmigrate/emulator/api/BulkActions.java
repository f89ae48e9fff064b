package io.dvmigrate.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.odata.Errors;
import io.dvmigrate.emulator.odata.ODataException;
import io.dvmigrate.emulator.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * CreateMultiple, UpdateMultiple and UpsertMultiple, bound to an entity set: every item of {@code Targets} must
 * name its type; on a standard table the request is all-or-nothing (the caller's transaction rolls back on the
 * first failing item); a table can be marked as not supporting them. DeleteMultiple is for elastic tables only,
 * which the emulator does not have.
 */
final class BulkActions {
    private final Records records;
    private final WriteContext context;

    BulkActions(Records records, WriteContext context) {
        this.records = records;
        this.context = context;
    }

    ApiResponse execute(Table table, String action, JsonNode body) {
        switch (action) {
            case "CreateMultiple", "UpdateMultiple", "UpsertMultiple" -> {
            }
            case "DeleteMultiple" -> throw Errors.notSupported("DeleteMultiple has not yet been implemented.");
            default -> throw Errors.segmentNotFound("Microsoft.Dynamics.CRM." + action);
        }
        if (!table.bulkOperations()) {
            throw Errors.bulkNotSupported(action, table);
        }
        JsonNode targets = body.get("Targets");
        if (targets == null || !targets.isArray()) {
            throw Errors.payload(table, "Microsoft.OData.ODataException: The parameter 'Targets' of " + action
                    + " is missing or is not an array.");
        }
        List<UUID> ids = new ArrayList<>(targets.size());
        for (int index = 0; index < targets.size(); index++) {
            try {
                ids.add(apply(table, action, targets.get(index)));
            } catch (ODataException e) {
                throw e.atTarget(index);
            }
        }
        if (action.equals("CreateMultiple")) {
            byte[] response = JsonBodies.write(json -> {
                json.writeStartObject();
                json.writeStringField("@odata.context",
                        context.root() + "$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse");
                json.writeArrayFieldStart("Ids");
                for (UUID id : ids) {
                    json.writeString(id.toString());
                }
                json.writeEndArray();
                json.writeEndObject();
            });
            return ApiResponse.json(200, response);
        }
        return ApiResponse.noContent();
    }

    private UUID apply(Table table, String action, JsonNode target) {
        EntityPayload payload = EntityPayload.read(context, table, target);
        requireType(table, action, payload);
        KeyLookup key = key(table, payload);
        return switch (action) {
            case "CreateMultiple" -> records.create(table, payload, null).id();
            case "UpdateMultiple" -> {
                if (key == null) {
                    throw Errors.badRequest("Each target of UpdateMultiple must carry its "
                            + table.primaryIdAttribute() + " or an @odata.id.");
                }
                Row existing = key.find(context.environment().store().table(table));
                if (existing == null) {
                    throw Reads.notFound(key);
                }
                yield records.update(table, existing, payload, key.byId() ? Set.of() : key.values().keySet()).id();
            }
            default -> key == null ? records.create(table, payload, null).id()
                    : records.upsert(key, payload, null, null).row().id();
        };
    }

    /** The row a target addresses: its @odata.id (id or alternate key), else its primary id, else none. */
    private KeyLookup key(Table table, EntityPayload payload) {
        if (payload.odataId() != null) {
            KeyLookup key = context.addressing().reference(payload.odataId(), context.contentIds());
            if (!key.table().logicalName().equals(table.logicalName())) {
                throw Errors.badRequest("The @odata.id '" + payload.odataId() + "' is not a record of "
                        + table.logicalName() + ".");
            }
            return key;
        }
        Object id = payload.values().get(table.primaryId());
        return id instanceof UUID uuid ? new KeyLookup(table, uuid, null, java.util.Map.of(), uuid.toString()) : null;
    }

    private static void requireType(Table table, String action, EntityPayload payload) {
        String type = payload.odataType();
        if (type == null) {
            throw Errors.payload(table, "Microsoft.OData.ODataException: Every item of Targets of " + action
                    + " needs '@odata.type', e.g. \"Microsoft.Dynamics.CRM." + table.logicalName() + "\".");
        }
        String bare = type.startsWith("#") ? type.substring(1) : type;
        if (!bare.equals(table.qualifiedName()) && !bare.equals("mscrm." + table.logicalName())) {
            throw Errors.payload(table, "Microsoft.OData.ODataException: The type '" + type + "' of an item of "
                    + "Targets is not " + table.qualifiedName() + "; all targets must belong to the table the action "
                    + "is bound to.");
        }
    }
}
