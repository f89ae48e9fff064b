package io.dvmigrate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for the tests: gets a token for an environment and sends Web API requests to it. */
final class TestClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final DataverseEmulator emulator;
    private final String environment;
    private final String token;

    TestClient(DataverseEmulator emulator, String environment, String token) {
        this.emulator = emulator;
        this.environment = environment;
        this.token = token;
    }

    static TestClient of(DataverseEmulator emulator, String environment) {
        return of(emulator, environment, "dvm-local", "dvm-local-secret");
    }

    static TestClient of(DataverseEmulator emulator, String environment, String clientId, String secret) {
        Response answer = tokenRequest(emulator.baseUrl() + "dvm/oauth2/v2.0/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
                "scope", emulator.environmentUrl(environment) + "/.default"));
        if (answer.status() != 200) {
            throw new IllegalStateException("no token: " + answer.body());
        }
        return new TestClient(emulator, environment, answer.json().get("access_token").asText());
    }

    static Response tokenRequest(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    String token() {
        return token;
    }

    String root() {
        return emulator.webApiUrl(environment);
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    Response patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    Response put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** Sends a request; {@code path} is relative to the Web API root or absolute; a body that is not a String is JSON. */
    Response send(String method, String path, Object body, String... headers) {
        String url = path.startsWith("http") ? path : root() + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("OData-Version", "4.0").header("OData-MaxVersion", "4.0");
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : write(body)));
        return send(request.build());
    }

    static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        String errorMessage() {
            return json().path("error").path("message").asText();
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }
}
