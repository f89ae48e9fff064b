package io.dvmigrate.cli.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.stack.StackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to reach a running emulator: its base URL, its token authority, the certificate to trust and the file holding
 * the default application's secret (services get {@code file:} references to it, never the secret).
 */
public record EmulatorEndpoint(String baseUrl, String authority, Path certificate, Path secretFile) {
    public static final String TENANT = "dvm";
    public static final String CLIENT_ID = "dvm-local";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public String environmentUrl(String name) {
        return baseUrl + name;
    }

    /** How services reach environment {@code name} as the default application ({@code file:} secret reference). */
    public EnvironmentRef environmentRef(String name) {
        return new EnvironmentRef(name, environmentUrl(name), TENANT, CLIENT_ID, "file:" + secretFile, authority,
                certificate.toString(), List.of());
    }

    /**
     * Environment {@code name} as the fields of a plan's {@code source:} or {@code target:} (the secret as a
     * {@code file:} reference); a mutable map, so a caller can add {@code applicationUsers}.
     */
    public Map<String, Object> planFields(String name) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("url", environmentUrl(name));
        fields.put("tenant", TENANT);
        fields.put("clientId", CLIENT_ID);
        fields.put("secret", "file:" + secretFile);
        fields.put("authority", authority);
        fields.put("trustCertificate", certificate.toString());
        return fields;
    }

    /** Environment {@code name} as a plan's {@code source:} or {@code target:} value (JSON, a YAML flow mapping). */
    public String planEnvironment(String name) {
        return json(planFields(name));
    }

    /** The file holding the secret of application {@code clientId} (the emulator writes one per application). */
    public Path secretFileOf(String clientId) {
        return secretFile.resolveSibling(clientId);
    }

    /** Adds an environment to the running emulator (a plan run against {@code up} may name a new SPEC). */
    public void addEnvironment(String name, String spec) {
        send("POST", "_emulator/environments", json(Map.of("name", name, "spec", spec)));
    }

    /** Rebuilds an environment from its SPEC: an emptied target, for instance. */
    public void resetEnvironment(String name) {
        send("POST", "_emulator/environments/" + name + "/reset", "{}");
    }

    public void removeEnvironment(String name) {
        send("DELETE", "_emulator/environments/" + name, null);
    }

    /** Replaces the service-protection limits and faults ({@code --limits} SPEC); windows restart. */
    public void limits(String spec) {
        send("PUT", "_emulator/limits", json(Map.of("spec", spec)));
    }

    /** Adds an application user to every environment; its secret goes to {@link #secretFileOf}. */
    public void addApplication(String clientId, String secret) {
        send("POST", "_emulator/applications", json(Map.of("clientId", clientId, "secret", secret)));
    }

    /**
     * A counter of the emulator's stats ({@code requests}, {@code throttled}, {@code rowsWritten}, …) since the last
     * {@link #resetStats()}, summed over the application users of {@code environment}, or of every one when null.
     */
    public long stat(String counter, String environment) {
        JsonNode users;
        try {
            users = Json.MAPPER.readTree(admin(environment == null ? "stats" : "stats/" + environment));
        } catch (IOException e) {
            throw new StackException("the emulator's stats are not JSON: " + e.getMessage(), e);
        }
        long total = 0;
        for (JsonNode user : users) {
            total += user.path(counter).asLong();
        }
        return total;
    }

    public void resetStats() {
        send("DELETE", "_emulator/stats", null);
    }

    /** Whether it serves an environment of that name already. */
    public boolean hasEnvironment(String name) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "_emulator/environments/" + name))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            throw new StackException("the emulator at " + baseUrl + " does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    /** GETs the admin API ({@code _emulator/...}) and returns the body. */
    public String admin(String path) {
        return send("GET", "_emulator/" + path, null);
    }

    private static String json(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(10));
            request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new StackException("the emulator refused " + method + " /" + path + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new StackException("the emulator did not answer " + method + " /" + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }
}
