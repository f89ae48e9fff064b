package io.dvmigrate.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.emulator.ServiceProtection;
import io.dvmigrate.emulator.api.JsonBodies;
import io.dvmigrate.emulator.environment.Application;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.environment.EnvironmentSpec;
import io.dvmigrate.emulator.protection.UserStats;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Table;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The admin API under {@code /_emulator/} (no authentication; not part of Dataverse): environments and row counts,
 * add/reset/remove an environment, read and replace limits and faults, stats per environment and user, add an
 * application, rotate the signing key, set the token lifetime, widen a column, switch a table's bulk support.
 * The routes run on worker threads: building or resetting an environment can take seconds, which must not stall
 * the event loop that serves the Web API. README "Admin API" documents each route.
 */
final class AdminRoutes {
    private final Emulation emulation;

    AdminRoutes(Emulation emulation) {
        this.emulation = emulation;
    }

    void mount(Router router) {
        router.get("/_emulator").blockingHandler(guard(ctx -> ok(ctx, summary())));
        router.get("/_emulator/").blockingHandler(guard(ctx -> ok(ctx, summary())));
        router.get("/_emulator/environments").blockingHandler(guard(ctx -> ok(ctx, environments())));
        router.post("/_emulator/environments").blockingHandler(guard(ctx -> {
            JsonNode body = body(ctx);
            Environment environment = emulation.addEnvironment(text(body, "name"),
                    EnvironmentSpec.parse(text(body, "spec")));
            send(ctx, 201, environment(environment));
        }));
        router.get("/_emulator/environments/:name").blockingHandler(guard(ctx ->
                ok(ctx, environment(emulation.require(ctx.pathParam("name")).environment()))));
        router.delete("/_emulator/environments/:name").blockingHandler(guard(ctx -> {
            emulation.removeEnvironment(ctx.pathParam("name"));
            ctx.response().setStatusCode(204).end();
        }));
        router.post("/_emulator/environments/:name/reset").blockingHandler(guard(ctx ->
                ok(ctx, environment(emulation.reset(ctx.pathParam("name"))))));
        router.put("/_emulator/environments/:name/tables/:table").blockingHandler(guard(ctx -> {
            Table table = emulation.table(ctx.pathParam("name"), ctx.pathParam("table"));
            JsonNode body = body(ctx);
            if (body.has("bulkOperations")) {
                emulation.bulkOperations(ctx.pathParam("name"), table.logicalName(), body.get("bulkOperations").asBoolean());
            }
            if (body.has("changeTracking")) {
                table.changeTracking(body.get("changeTracking").asBoolean());
            }
            ok(ctx, table(table));
        }));
        router.put("/_emulator/environments/:name/tables/:table/columns/:column").blockingHandler(guard(ctx -> {
            JsonNode body = body(ctx);
            if (!body.path("maxLength").canConvertToInt()) {
                throw new IllegalArgumentException("the body must be {\"maxLength\": <characters>}");
            }
            Column column = emulation.widen(ctx.pathParam("name"), ctx.pathParam("table"), ctx.pathParam("column"),
                    body.get("maxLength").asInt());
            ok(ctx, JsonBodies.MAPPER.createObjectNode().put("column", column.logicalName())
                    .put("type", column.type().name()).put("maxLength", column.maxLength()));
        }));
        router.get("/_emulator/limits").blockingHandler(guard(ctx -> ok(ctx, limits())));
        router.put("/_emulator/limits").blockingHandler(guard(ctx -> {
            String text = ctx.body().asString();
            String spec = text != null && text.trim().startsWith("{") ? text(body(ctx), "spec") : text;
            emulation.gate().limits(ServiceProtection.parse(spec == null ? "off" : spec));
            ok(ctx, limits());
        }));
        router.get("/_emulator/faults").blockingHandler(guard(ctx -> ok(ctx, faults())));
        router.put("/_emulator/faults").blockingHandler(guard(ctx -> {
            JsonNode body = body(ctx);
            ServiceProtection.Builder limits = emulation.gate().limits().toBuilder();
            if (body.has("latency")) {
                limits.set("latency", body.get("latency").asText());
            }
            if (body.has("failRate")) {
                limits.failRate(body.get("failRate").asDouble());
            }
            if (body.has("dropRate")) {
                limits.dropRate(body.get("dropRate").asDouble());
            }
            if (body.has("seed")) {
                limits.seed(body.get("seed").asLong());
            }
            emulation.gate().limits(limits.build());
            ok(ctx, faults());
        }));
        router.get("/_emulator/stats").blockingHandler(guard(ctx -> ok(ctx, stats(null))));
        router.get("/_emulator/stats/:name").blockingHandler(guard(ctx -> ok(ctx, stats(ctx.pathParam("name")))));
        router.delete("/_emulator/stats").blockingHandler(guard(ctx -> {
            emulation.gate().resetStats();
            ctx.response().setStatusCode(204).end();
        }));
        router.get("/_emulator/applications").blockingHandler(guard(ctx -> ok(ctx, applications())));
        router.post("/_emulator/applications").blockingHandler(guard(ctx -> {
            JsonNode body = body(ctx);
            Application application = emulation.addApplication(new Application(
                    body.path("tenant").asText(Application.DEFAULT_TENANT), text(body, "clientId"), text(body, "secret")));
            send(ctx, 201, application(application));
        }));
        router.post("/_emulator/signing-key/rotate").blockingHandler(guard(ctx -> {
            emulation.issuer().rotate();
            ctx.response().setStatusCode(204).end();
        }));
        router.get("/_emulator/tokens").blockingHandler(guard(ctx -> ok(ctx, tokens())));
        router.put("/_emulator/tokens").blockingHandler(guard(ctx -> {
            JsonNode body = body(ctx);
            if (!body.path("lifetimeSeconds").canConvertToLong() || body.get("lifetimeSeconds").asLong() < 1) {
                throw new IllegalArgumentException("the body must be {\"lifetimeSeconds\": <seconds, at least 1>}");
            }
            emulation.issuer().lifetime(Duration.ofSeconds(body.get("lifetimeSeconds").asLong()));
            ok(ctx, tokens());
        }));
    }

    private ObjectNode summary() {
        ObjectNode node = JsonBodies.MAPPER.createObjectNode();
        node.put("url", emulation.baseUrl());
        node.put("httpsUrl", emulation.httpsBaseUrl());
        node.put("authority", emulation.authority());
        node.put("certificate", emulation.certificate().certificateFile().toString());
        node.put("trustStore", emulation.certificate().trustStoreFile().toString());
        node.set("environments", environments());
        node.set("limits", limits());
        node.set("applications", applications());
        return node;
    }

    private ArrayNode environments() {
        ArrayNode array = JsonBodies.MAPPER.createArrayNode();
        emulation.deployments().forEach(d -> array.add(environment(d.environment())));
        return array;
    }

    private ObjectNode environment(Environment environment) {
        ObjectNode node = JsonBodies.MAPPER.createObjectNode();
        node.put("name", environment.name());
        node.put("spec", environment.spec().text());
        node.put("url", emulation.environmentUrl(environment.name()));
        node.put("httpsUrl", emulation.httpsEnvironmentUrl(environment.name()));
        node.put("webApi", emulation.environmentUrl(environment.name()) + "/api/data/v9.2/");
        Map<String, Long> counts = environment.rowCounts();
        node.put("rows", counts.values().stream().mapToLong(Long::longValue).sum());
        ObjectNode tables = node.putObject("rowCounts");
        counts.forEach(tables::put);
        return node;
    }

    private static ObjectNode table(Table table) {
        return JsonBodies.MAPPER.createObjectNode().put("table", table.logicalName())
                .put("bulkOperations", table.bulkOperations()).put("changeTracking", table.changeTracking());
    }

    private ObjectNode limits() {
        ServiceProtection limits = emulation.gate().limits();
        ObjectNode node = JsonBodies.MAPPER.createObjectNode();
        node.put("spec", limits.toSpec());
        node.put("enabled", limits.enabled());
        node.put("requests", limits.requestLimit());
        node.put("executionTimeSeconds", limits.executionTimeLimit().toMillis() / 1000.0);
        node.put("windowSeconds", limits.window().toMillis() / 1000.0);
        node.put("concurrency", limits.concurrencyLimit());
        node.put("compress", limits.compression());
        node.put("requestCostMillis", limits.requestCost().toNanos() / 1e6);
        node.put("recordCostMillis", limits.recordCost().toNanos() / 1e6);
        node.put("readCostMillis", limits.readCost().toNanos() / 1e6);
        node.put("dopHint", limits.dopHint());
        node.put("pace", limits.pace());
        node.put("ceilingRowsPerSecond", limits.ceilingRowsPerSecond());
        node.set("faults", faults());
        return node;
    }

    private ObjectNode faults() {
        ServiceProtection limits = emulation.gate().limits();
        return JsonBodies.MAPPER.createObjectNode().put("latency", limits.latency().toNanos() / 1e6 + "ms")
                .put("failRate", limits.failRate()).put("dropRate", limits.dropRate()).put("seed", limits.seed());
    }

    private ArrayNode stats(String environment) {
        if (environment != null) {
            emulation.require(environment);
        }
        ArrayNode array = JsonBodies.MAPPER.createArrayNode();
        for (UserStats stats : emulation.gate().stats()) {
            if (environment == null || stats.environment().equals(environment)) {
                array.add(JsonBodies.MAPPER.valueToTree(Map.ofEntries(
                        Map.entry("environment", stats.environment()), Map.entry("clientId", stats.clientId()),
                        Map.entry("requests", stats.requests()), Map.entry("throttled", stats.throttled()),
                        Map.entry("throttledByRequests", stats.throttledByRequests()),
                        Map.entry("throttledByTime", stats.throttledByTime()),
                        Map.entry("throttledByConcurrency", stats.throttledByConcurrency()),
                        Map.entry("failed", stats.failed()), Map.entry("dropped", stats.dropped()),
                        Map.entry("rowsWritten", stats.rowsWritten()), Map.entry("rowsRead", stats.rowsRead()),
                        Map.entry("executionTimeMillis", stats.executionTime().toMillis()),
                        Map.entry("peakConcurrency", stats.peakConcurrency()))));
            }
        }
        return array;
    }

    private ArrayNode applications() {
        ArrayNode array = JsonBodies.MAPPER.createArrayNode();
        emulation.applications().forEach(a -> array.add(application(a)));
        return array;
    }

    private static ObjectNode application(Application application) {
        return JsonBodies.MAPPER.createObjectNode().put("tenant", application.tenant())
                .put("clientId", application.clientId()).put("applicationId", application.applicationId().toString());
    }

    private ObjectNode tokens() {
        return JsonBodies.MAPPER.createObjectNode().put("lifetimeSeconds", emulation.issuer().lifetime().toSeconds())
                .put("keyId", emulation.issuer().key().keyId());
    }

    /** Runs a route, answering 400 (bad input) or 404 (unknown environment) with {"error": message}. */
    private static Handler<RoutingContext> guard(Handler<RoutingContext> route) {
        return ctx -> {
            try {
                route.handle(ctx);
            } catch (IllegalArgumentException e) {
                int status = e.getMessage() != null && e.getMessage().startsWith("no environment") ? 404 : 400;
                send(ctx, status, JsonBodies.MAPPER.createObjectNode().put("error", e.getMessage()));
            }
        };
    }

    private static JsonNode body(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("this route needs a JSON body");
        }
        try {
            return JsonBodies.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("the body needs \"" + field + "\"");
        }
        return value.asText();
    }

    private static void ok(RoutingContext ctx, JsonNode body) {
        send(ctx, 200, body);
    }

    private static void send(RoutingContext ctx, int status, JsonNode body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(Buffer.buffer(JsonBodies.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
