package io.dvmigrate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dvmigrate.contracts.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free local port that answers what a test tells it to, in the orchestrator's shapes (see
 * {@link RunViews} and {@link Answer#error}), and remembers every request. What it was not told to answer gets the
 * orchestrator's 404.
 */
public final class FakeOrchestrator implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** An HTTP answer. */
    public record Answer(int status, String contentType, String body) {
        public static Answer json(int status, JsonNode body) {
            return json(status, body.toString());
        }

        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }

        public static Answer text(int status, String body) {
            return new Answer(status, "text/plain", body);
        }

        /** The orchestrator's error body (ErrorMappers.ErrorBody): a message and, for plans, each mistake's path. */
        public static Answer error(int status, String message, String... pathsAndMessages) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("error", message);
            ArrayNode errors = body.putArray("errors");
            for (int i = 0; i < pathsAndMessages.length; i += 2) {
                errors.addObject().put("path", pathsAndMessages[i]).put("message", pathsAndMessages[i + 1]);
            }
            return json(status, body);
        }
    }

    /** A request as the server received it. */
    public record Request(String method, String uri, String contentType, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the request's body is not JSON: " + body, e);
            }
        }
    }

    private FakeOrchestrator(HttpServer server) {
        this.server = server;
    }

    public static FakeOrchestrator start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeOrchestrator orchestrator = new FakeOrchestrator(server);
            server.createContext("/", orchestrator::handle);
            server.start();
            return orchestrator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake orchestrator", e);
        }
    }

    /** A URL where no orchestrator answers: a port the system has just handed out and taken back. */
    public static String urlOfNone() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Answers {@code method uri} (the path and query) with these answers in turn; the last one repeats. */
    public FakeOrchestrator answer(String method, String uri, Answer... inTurn) {
        answers.put(method + " " + uri, new ArrayDeque<>(List.of(inTurn)));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String uri = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(method, uri, exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Deque<Answer> queue = answers.get(method + " " + uri);
        Answer answer = queue == null ? Answer.error(404, "HTTP 404 Not Found")
                : queue.size() > 1 ? queue.poll() : queue.peek();
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
