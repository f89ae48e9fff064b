package io.dvmigrate.emulator.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.data.Store;
import io.dvmigrate.emulator.data.TableData;
import io.dvmigrate.emulator.data.Tombstone;
import io.dvmigrate.emulator.data.Values;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.odata.Errors;
import io.dvmigrate.emulator.odata.ODataException;
import io.dvmigrate.emulator.odata.PagingCookie;
import io.dvmigrate.emulator.odata.Preferences;
import io.dvmigrate.emulator.odata.QueryOptions;
import io.dvmigrate.emulator.odata.QueryString;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Table;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * GET of collections and rows: projection, filtering, ordering, keyset paging with paging cookies that stay
 * valid while others write, {@code $count}, annotations, and change tracking (the initial tracked read, then
 * delta pages of changed rows followed by deleted ones).
 */
final class Reads {
    static final int MAX_ROWS = Preferences.MAX_PAGE_SIZE;
    private static final DateTimeFormatter TOKEN_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Environment environment;
    private final Store store;

    Reads(Environment environment) {
        this.environment = environment;
        this.store = environment.store();
    }

    /** A collection: an entity set, or the rows a navigation property leads to ({@code scope} narrows them). */
    ApiResponse collection(ApiRequest request, Table table, QueryOptions options, Preferences preferences,
                           Predicate<Row> scope, String path) {
        PagingCookie cookie = options.skipToken() == null ? null
                : PagingCookie.decode(options.skipToken(), table.primaryIdAttribute());
        boolean tracking = preferences.trackChanges() || options.deltaToken() != null
                || (cookie != null && cookie.tracking());
        if (tracking) {
            refuseUnderTracking(table, options);
        }
        Projection projection = Projection.of(environment.schema(), table, options);
        CompiledQuery query = CompiledQuery.of(environment.schema(), store, table, options);
        Integer top = preferences.maxPageSize() != null ? null : options.top();
        int pageSize = preferences.maxPageSize() != null ? preferences.maxPageSize() : MAX_ROWS;
        int limit = top != null ? Math.min(top, MAX_ROWS) : pageSize;
        return store.read(() -> {
            if (options.deltaToken() != null || (cookie != null && cookie.since() >= 0)) {
                return delta(request, table, projection, options, preferences, cookie, pageSize, path);
            }
            long snapshot = cookie != null && cookie.tracking() ? cookie.snapshot() : store.currentVersion();
            Predicate<Row> matches = scope.and(query.filter());
            List<Row> page = page(store.table(table), query, matches, cookie, limit + (top != null ? 0 : 1));
            boolean more = top == null && page.size() > limit;
            if (more) {
                page = page.subList(0, limit);
            }
            Integer count = options.count() ? count(store.table(table), matches) : null;
            String nextLink = null;
            if (more) {
                Row last = page.get(page.size() - 1);
                Map<String, String> sortValues = new LinkedHashMap<>();
                for (CompiledQuery.SortKey key : query.sortKeys()) {
                    Object value = key.value().apply(last);
                    sortValues.put(String.join("_", key.path()), value == null ? null : Values.toText(null, value));
                }
                PagingCookie next = new PagingCookie(cookie == null ? 2 : cookie.page() + 1, table.primaryIdAttribute(),
                        page.get(0).id(), last.id(), sortValues, tracking, snapshot, -1, false);
                nextLink = request.root() + path + "?" + withoutPaging(request.query(), "$skiptoken=" + next.toQueryValue());
            }
            String deltaLink = tracking && !more
                    ? request.root() + path + "?" + withoutPaging(request.query(), "$deltatoken=" + deltaToken(snapshot))
                    : null;
            ApiResponse response = collectionResponse(request, projection, page, count, nextLink, deltaLink, preferences)
                    .records(page.size(), 0);
            return applied(response, preferences, tracking);
        });
    }

    private void refuseUnderTracking(Table table, QueryOptions options) {
        if (!table.changeTracking()) {
            throw Errors.badRequest("Change tracking is not enabled for the entity '" + table.logicalName() + "'.");
        }
        if (options.filter() != null) {
            throw Errors.trackingRefuses("$filter");
        }
        if (!options.orderBy().isEmpty()) {
            throw Errors.trackingRefuses("$orderby");
        }
        if (!options.expand().isEmpty()) {
            throw Errors.trackingRefuses("$expand");
        }
        if (options.top() != null) {
            throw Errors.trackingRefuses("$top");
        }
    }

    /** Up to {@code limit} matching rows after the cookie's position. */
    private List<Row> page(TableData data, CompiledQuery query, Predicate<Row> matches, PagingCookie cookie, int limit) {
        List<Row> rows = new ArrayList<>(Math.min(limit, 1024));
        if (!query.ordered()) {
            for (Row row : query.rowsToTest(data, cookie == null ? null : cookie.last())) {
                if (matches.test(row)) {
                    rows.add(row);
                    if (rows.size() >= limit) {
                        break;
                    }
                }
            }
            return rows;
        }
        List<Row> all = new ArrayList<>();
        for (Row row : query.rowsToTest(data, null)) {
            if (matches.test(row)) {
                all.add(row);
            }
        }
        all.sort(query.comparator());
        List<Object> position = cookie == null || cookie.last() == null ? null : cursorValues(data.table(), query, cookie);
        for (Row row : all) {
            if (position != null && !query.isAfter(row, position, cookie.last())) {
                continue;
            }
            rows.add(row);
            if (rows.size() >= limit) {
                break;
            }
        }
        return rows;
    }

    /** The typed sort values of a paging position. */
    private List<Object> cursorValues(Table table, CompiledQuery query, PagingCookie cookie) {
        List<Object> values = new ArrayList<>();
        for (CompiledQuery.SortKey key : query.sortKeys()) {
            String text = cookie.sortValues().get(String.join("_", key.path()));
            Column column = key.path().size() == 1 ? RowPaths.column(table, key.path().get(0)) : null;
            values.add(text == null ? null : column == null ? text : Values.fromText(column, text));
        }
        return values;
    }

    private static int count(TableData data, Predicate<Row> matches) {
        int count = 0;
        for (Row row : data.rows()) {
            if (matches.test(row) && ++count >= MAX_ROWS) {
                break;
            }
        }
        return count;
    }

    private ApiResponse delta(ApiRequest request, Table table, Projection projection, QueryOptions options,
                              Preferences preferences, PagingCookie cookie, int pageSize, String path) {
        long since = cookie != null ? cookie.since() : parseDeltaToken(options.deltaToken());
        long upTo = cookie != null ? cookie.snapshot() : store.currentVersion();
        TableData data = store.table(table);
        List<Row> changed = new ArrayList<>();
        List<Tombstone> deleted = new ArrayList<>();
        boolean inDeletions = cookie != null && cookie.deletions();
        if (!inDeletions) {
            for (Row row : data.rowsAfter(cookie == null ? null : cookie.last()).values()) {
                if (row.version() > since && row.version() <= upTo) {
                    changed.add(row);
                    if (changed.size() > pageSize) {
                        break;
                    }
                }
            }
        }
        boolean more;
        PagingCookie next = null;
        if (changed.size() > pageSize) {
            changed = changed.subList(0, pageSize);
            more = true;
            Row last = changed.get(changed.size() - 1);
            next = new PagingCookie((cookie == null ? 1 : cookie.page()) + 1, table.primaryIdAttribute(),
                    changed.get(0).id(), last.id(), Map.of(), true, upTo, since, false);
        } else {
            int skip = inDeletions ? Integer.parseInt(cookie.sortValues().getOrDefault("deleted", "0")) : 0;
            List<Tombstone> all = data.tombstonesBetween(since, upTo).stream()
                    .filter(t -> data.get(t.id()) == null || data.get(t.id()).version() > upTo).toList();
            int room = pageSize - changed.size();
            deleted = all.subList(Math.min(skip, all.size()), Math.min(all.size(), skip + Math.max(room, 0)));
            more = skip + deleted.size() < all.size();
            if (more) {
                next = new PagingCookie((cookie == null ? 1 : cookie.page()) + 1, table.primaryIdAttribute(), null,
                        null, Map.of("deleted", String.valueOf(skip + deleted.size())), true, upTo, since, true);
            }
        }
        String nextLink = more ? request.root() + path + "?"
                + withoutPaging(request.query(), "$skiptoken=" + next.toQueryValue()) : null;
        String deltaLink = more ? null : request.root() + path + "?"
                + withoutPaging(request.query(), "$deltatoken=" + deltaToken(upTo));
        List<Tombstone> deletions = deleted;
        byte[] body = deltaBody(request, table, projection, preferences, changed, deletions, nextLink, deltaLink);
        ApiResponse response = ApiResponse.json(200, body).records(changed.size() + deletions.size(), 0);
        return applied(response, preferences, true);
    }

    private byte[] deltaBody(ApiRequest request, Table table, Projection projection, Preferences preferences,
                             List<Row> changed, List<Tombstone> deleted, String nextLink, String deltaLink) {
        return JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeStringField("@odata.context", request.root() + "$metadata#" + projection.context() + "/$delta");
            json.writeArrayFieldStart("value");
            RowWriter writer = new RowWriter(environment, preferences, request.root());
            for (Row row : changed) {
                writer.write(json, row, projection);
            }
            for (Tombstone tombstone : deleted) {
                json.writeStartObject();
                json.writeStringField("@odata.context",
                        request.root() + "$metadata#" + table.entitySetName() + "/$deletedEntity");
                json.writeStringField("id", tombstone.id().toString());
                json.writeStringField("reason", "deleted");
                json.writeEndObject();
            }
            endCollection(json, nextLink, deltaLink);
        });
    }

    /** The number of changes a delta token would return ({@code $count} with {@code $deltatoken}). */
    int countChanges(Table table, String token) {
        long since = parseDeltaToken(token);
        return store.read(() -> {
            TableData data = store.table(table);
            long upTo = store.currentVersion();
            int changed = 0;
            for (Row row : data.rows()) {
                if (row.version() > since) {
                    changed++;
                }
            }
            return changed + (int) data.tombstonesBetween(since, upTo).stream()
                    .filter(t -> data.get(t.id()) == null).count();
        });
    }

    static String deltaToken(long version) {
        return QueryString.encode(version + "!" + TOKEN_TIME.format(Instant.now()));
    }

    private static long parseDeltaToken(String token) {
        try {
            int bang = token.indexOf('!');
            return Long.parseLong(bang < 0 ? token : token.substring(0, bang));
        } catch (NumberFormatException e) {
            throw Errors.badRequest("The delta token '" + token + "' is not valid.");
        }
    }

    private ApiResponse collectionResponse(ApiRequest request, Projection projection, List<Row> page, Integer count,
                                           String nextLink, String deltaLink, Preferences preferences) {
        int estimate = Math.max(256, page.size() * projection.columns().size() * 28);
        ApiResponse response = new ApiResponse(200).header("Content-Type", ApiResponse.JSON);
        return JsonBodies.write(response, estimate, json -> {
            json.writeStartObject();
            json.writeStringField("@odata.context", request.root() + "$metadata#" + projection.context());
            writeCounts(json, count, preferences);
            json.writeArrayFieldStart("value");
            RowWriter writer = new RowWriter(environment, preferences, request.root());
            for (Row row : page) {
                writer.write(json, row, projection);
            }
            endCollection(json, nextLink, deltaLink);
        });
    }

    /** Closes the value array and the body, with the next or delta link when there is one. */
    private static void endCollection(JsonGenerator json, String nextLink, String deltaLink) throws IOException {
        json.writeEndArray();
        if (nextLink != null) {
            json.writeStringField("@odata.nextLink", nextLink);
        }
        if (deltaLink != null) {
            json.writeStringField("@odata.deltaLink", deltaLink);
        }
        json.writeEndObject();
    }

    private static void writeCounts(JsonGenerator json, Integer count, Preferences preferences) throws IOException {
        if (count != null) {
            json.writeNumberField("@odata.count", count);
        }
        if (preferences.wants("Microsoft.Dynamics.CRM.totalrecordcount")) {
            json.writeNumberField("@Microsoft.Dynamics.CRM.totalrecordcount", count == null ? -1 : count);
        }
        if (preferences.wants("Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded")) {
            json.writeBooleanField("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded",
                    count != null && count >= MAX_ROWS);
        }
    }

    private static ApiResponse applied(ApiResponse response, Preferences preferences, boolean tracking) {
        List<String> applied = new ArrayList<>(preferences.applied(true));
        if (tracking) {
            applied.add("odata.track-changes");
        }
        if (!applied.isEmpty()) {
            response.header("Preference-Applied", String.join(",", applied));
        }
        return response;
    }

    /** The request's raw query without its paging tokens, with {@code extra} appended. */
    static String withoutPaging(String query, String extra) {
        StringBuilder kept = new StringBuilder();
        if (query != null) {
            for (String part : query.split("&")) {
                String name = QueryString.decode(part.contains("=") ? part.substring(0, part.indexOf('=')) : part);
                if (part.isEmpty() || name.equals("$skiptoken") || name.equals("$deltatoken")) {
                    continue;
                }
                kept.append(part).append('&');
            }
        }
        return kept.append(extra).toString();
    }

    /** A single row: {@code GET set(key)}. */
    ApiResponse row(ApiRequest request, KeyLookup key, QueryOptions options, Preferences preferences) {
        Table table = key.table();
        Projection projection = Projection.of(environment.schema(), table, options);
        return store.read(() -> {
            Row row = key.find(store.table(table));
            if (row == null) {
                throw notFound(key);
            }
            String ifNoneMatch = request.header("If-None-Match").orElse(null);
            if (ifNoneMatch != null && ifNoneMatch.equals(RowWriter.etag(row)) && options.expand().isEmpty()
                    && preferences.includeAnnotations() == null) {
                return new ApiResponse(304);
            }
            byte[] body = entityBody(request, projection, row, preferences);
            ApiResponse response = ApiResponse.json(200, body).header("ETag", RowWriter.etag(row)).records(1, 0);
            if (preferences.includeAnnotations() != null) {
                response.header("Preference-Applied", "odata.include-annotations=\"" + preferences.includeAnnotations() + "\"");
            }
            return response;
        });
    }

    /** The body of one row with its {@code $entity} context. Call under the read lock. */
    byte[] entityBody(ApiRequest request, Projection projection, Row row, Preferences preferences) {
        return JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeStringField("@odata.context", request.root() + "$metadata#" + projection.context() + "/$entity");
            json.writeStringField("@odata.etag", RowWriter.etag(row));
            new RowWriter(environment, preferences, request.root()).writeProperties(json, row, projection);
            json.writeEndObject();
        });
    }

    /** One property of a row: {@code GET set(key)/name}. */
    ApiResponse property(ApiRequest request, KeyLookup key, Column column) {
        return store.read(() -> {
            Row row = key.find(store.table(key.table()));
            if (row == null) {
                throw notFound(key);
            }
            Object value = row.get(column);
            if (value == null) {
                return ApiResponse.noContent();
            }
            byte[] body = JsonBodies.write(json -> {
                json.writeStartObject();
                json.writeStringField("@odata.context", request.root() + "$metadata#" + key.table().entitySetName()
                        + "(" + row.id() + ")/" + column.propertyName());
                json.writeFieldName("value");
                Values.write(json, column, value);
                json.writeEndObject();
            });
            return ApiResponse.json(200, body).records(1, 0);
        });
    }

    /** {@code GET set/$count}: a plain-text count, at most 5,000. */
    ApiResponse count(Table table, QueryOptions options) {
        if (options.deltaToken() != null) {
            return ApiResponse.text(200, String.valueOf(countChanges(table, options.deltaToken())));
        }
        CompiledQuery query = CompiledQuery.of(environment.schema(), store, table, options);
        int count = store.read(() -> count(store.table(table), query.filter()));
        return ApiResponse.text(200, String.valueOf(count)).records(count, 0);
    }

    /**
     * The RetrieveTotalRecordCount function: {@code RetrieveTotalRecordCount(EntityNames=@p)?@p=["account"]} (or the
     * array inline). Counts are not capped. The real service answers from a snapshot up to 24 hours old; these are live.
     */
    ApiResponse totalRecordCount(ApiRequest request, String arguments, Map<String, String> parameters) {
        String text = arguments == null ? "" : arguments.trim();
        if (!text.startsWith("EntityNames=")) {
            throw Errors.badRequest("RetrieveTotalRecordCount needs the parameter EntityNames, e.g. "
                    + "RetrieveTotalRecordCount(EntityNames=@p)?@p=[\"account\"].");
        }
        String value = text.substring("EntityNames=".length()).trim();
        if (value.startsWith("@")) {
            value = parameters.get(value);
            if (value == null) {
                throw Errors.badRequest("The parameter alias " + text.substring("EntityNames=".length()) + " has no value.");
            }
        }
        List<String> names = new ArrayList<>();
        try {
            JsonBodies.MAPPER.readTree(value.replace('\'', '"')).forEach(n -> names.add(n.asText()));
        } catch (java.io.IOException e) {
            throw Errors.badRequest("EntityNames must be an array of table logical names, got " + value + ".");
        }
        List<Long> counts = new ArrayList<>();
        for (String name : names) {
            Table table = environment.schema().table(name).orElseThrow(() -> Errors.badRequest(
                    "The entity with a name = '" + name + "' was not found in the MetadataCache."));
            counts.add((long) store.read(() -> store.table(table).size()));
        }
        byte[] body = JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeStringField("@odata.context", request.root()
                    + "$metadata#Microsoft.Dynamics.CRM.RetrieveTotalRecordCountResponse");
            json.writeObjectFieldStart("EntityRecordCountCollection");
            json.writeNumberField("Count", names.size());
            json.writeBooleanField("IsReadOnly", false);
            json.writeArrayFieldStart("Keys");
            for (String name : names) {
                json.writeString(name);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Values");
            for (long count : counts) {
                json.writeNumber(count);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        });
        return ApiResponse.json(200, body);
    }

    static ODataException notFound(KeyLookup key) {
        return key.byId() ? Errors.notFound(key.table(), key.id()) : Errors.keyNotFound(key.table());
    }

    /** The rows a collection navigation of {@code parent} leads to. Call under the read lock. */
    static Predicate<Row> belongsTo(RowWriter writer, io.dvmigrate.emulator.schema.Navigation navigation, UUID parent) {
        List<Row> related = writer.related(navigation).getOrDefault(parent, List.of());
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        for (Row row : related) {
            ids.add(row.id());
        }
        return row -> ids.contains(row.id());
    }
}
