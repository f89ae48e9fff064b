package io.dvmigrate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The orchestrator's REST API, as the CLI uses it. */
public final class OrchestratorClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public OrchestratorClient(String url) {
        this.base = url.endsWith("/") ? url : url + "/";
    }

    public String url() {
        return base;
    }

    /** The plan preview, as readable text or as JSON. */
    public String preview(String planYaml, boolean json) {
        return send(HttpRequest.newBuilder(uri("api/plans/preview" + (json ? "" : "?format=text")))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(planYaml)));
    }

    /** The plan compiled, with every table's job per pass ({@code compiled}): what a run would execute. */
    public JsonNode compile(String planYaml) {
        return json(send(HttpRequest.newBuilder(uri("api/plans/preview?detail=jobs"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(planYaml))));
    }

    /** Creates or replaces a migration from a plan. */
    public JsonNode putMigration(String name, String owner, String planYaml) {
        return json(send(HttpRequest.newBuilder(uri("api/migrations/" + encode(name)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.encode(Map.of("owner", owner, "plan", planYaml))))));
    }

    public UUID startRun(String migration) {
        JsonNode run = json(send(HttpRequest.newBuilder(uri("api/migrations/" + encode(migration) + "/runs"))
                .POST(HttpRequest.BodyPublishers.noBody())));
        return UUID.fromString(run.get("id").asText());
    }

    public JsonNode run(UUID id) {
        return json(send(HttpRequest.newBuilder(uri("api/runs/" + id)).GET()));
    }

    /** The newest runs, optionally of one migration. */
    public JsonNode runs(String migration) {
        return json(send(HttpRequest.newBuilder(uri("api/runs" + (migration == null ? "" : "?migration=" + encode(migration))))
                .GET()));
    }

    public String log(UUID id, String format) {
        return send(HttpRequest.newBuilder(uri("api/runs/" + id + "/log?format=" + encode(format))).GET());
    }

    public JsonNode cancel(UUID id) {
        return json(send(HttpRequest.newBuilder(uri("api/runs/" + id + "/cancel")).POST(HttpRequest.BodyPublishers.noBody())));
    }

    public JsonNode replay(UUID id) {
        return json(send(HttpRequest.newBuilder(uri("api/runs/" + id + "/replay")).POST(HttpRequest.BodyPublishers.noBody())));
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private String send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofMinutes(10)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw ApiException.of(response.statusCode(), response.body());
            }
            return response.body();
        } catch (ConnectException e) {
            throw new ApiException(0, "no orchestrator answers at " + base + " (start one with `dvmigrate up`, or pass"
                    + " --server URL)", null);
        } catch (IOException e) {
            throw new ApiException(0, built.method() + " " + built.uri() + " failed: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted", null);
        }
    }

    private static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiException(0, "the orchestrator answered something that is not JSON: " + e.getMessage(), null);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
