package io.dvmigrate.emulator.server;

import io.dvmigrate.emulator.ServiceProtection;
import io.dvmigrate.emulator.api.ApiRequest;
import io.dvmigrate.emulator.api.ApiResponse;
import io.dvmigrate.emulator.api.JsonBodies;
import io.dvmigrate.emulator.auth.Claims;
import io.dvmigrate.emulator.auth.TokenEndpoint;
import io.dvmigrate.emulator.auth.TokenProblem;
import io.dvmigrate.emulator.environment.Application;
import io.dvmigrate.emulator.protection.Admission;
import io.dvmigrate.emulator.protection.Throttling;
import io.dvmigrate.emulator.protection.Ticket;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP and HTTPS servers (one router): the token endpoint and discovery documents per tenant, the admin API
 * under {@code /_emulator/}, and the Web API of each environment at {@code /<env>/api/data/v9.x/}. A Web API
 * request is authenticated, passed through the service-protection gate and fault injection, run on a worker
 * thread, then answered after its modelled latency.
 */
public final class HttpFrontend {
    private static final Pattern API_PATH = Pattern.compile("^/([^/]+)/api/data/(v9\\.[0-2])(/.*)?$");
    private static final long BODY_LIMIT = 512L * 1024 * 1024;

    private final Vertx vertx;
    private final Emulation emulation;
    private final TokenEndpoint tokens;
    private HttpServer http;
    private HttpServer https;

    public HttpFrontend(Vertx vertx, Emulation emulation) {
        this.vertx = vertx;
        this.emulation = emulation;
        this.tokens = new TokenEndpoint(emulation.issuer(), emulation::application,
                url -> emulation.namesEnvironment(url, null));
    }

    /** Binds both servers; port 0 picks a free port. */
    public Future<Void> start(int port, int httpsPort) {
        Router router = router();
        HttpServerOptions plain = new HttpServerOptions().setPort(port).setHost("0.0.0.0").setCompressionSupported(true)
                .setDecompressionSupported(true).setMaxFormAttributeSize(64 * 1024);
        HttpServerOptions secure = new HttpServerOptions(plain).setPort(httpsPort).setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .addKeyValue(Buffer.buffer(emulation.certificate().keyPem()))
                        .addCertValue(Buffer.buffer(emulation.certificate().certificatePem())));
        return vertx.createHttpServer(plain).requestHandler(router).listen()
                .compose(server -> {
                    http = server;
                    int chosen = httpsPort == 0 && port != 0 ? port + 1 : httpsPort;
                    return vertx.createHttpServer(secure.setPort(chosen)).requestHandler(router).listen();
                })
                .map(server -> {
                    https = server;
                    emulation.ports(http.actualPort(), https.actualPort());
                    return null;
                });
    }

    public Future<Void> stop() {
        List<Future<Void>> closing = new ArrayList<>();
        if (http != null) {
            closing.add(http.close());
        }
        if (https != null) {
            closing.add(https.close());
        }
        return Future.all(closing).mapEmpty();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        router.post("/:tenant/oauth2/v2.0/token").handler(this::token);
        router.post("/:tenant/oauth2/token").handler(this::token);
        router.get("/:tenant/v2.0/.well-known/openid-configuration").handler(ctx -> discovery(ctx, "v2.0"));
        router.get("/:tenant/.well-known/openid-configuration").handler(ctx -> discovery(ctx, ""));
        router.get("/:tenant/discovery/v2.0/keys").handler(ctx -> json(ctx.response(), 200,
                TokenEndpoint.keys(emulation.issuer().key())));
        router.get("/:tenant/discovery/keys").handler(ctx -> json(ctx.response(), 200,
                TokenEndpoint.keys(emulation.issuer().key())));
        new AdminRoutes(emulation).mount(router);
        router.route().handler(this::api);
        return router;
    }

    private String base(RoutingContext ctx) {
        return ctx.request().isSSL() ? emulation.httpsBaseUrl() : emulation.baseUrl();
    }

    private void token(RoutingContext ctx) {
        String tenant = ctx.pathParam("tenant");
        Map<String, String> form = new LinkedHashMap<>();
        ctx.request().formAttributes().forEach(entry -> form.putIfAbsent(entry.getKey(), entry.getValue()));
        TokenEndpoint.Answer answer = tokens.token(tenant, form, ctx.request().getHeader("Authorization"),
                base(ctx) + tenant + "/v2.0");
        json(ctx.response(), answer.status(), answer.body());
    }

    private void discovery(RoutingContext ctx, String version) {
        String tenant = ctx.pathParam("tenant");
        String issuer = base(ctx) + tenant + (version.isEmpty() ? "/" : "/" + version);
        json(ctx.response().putHeader("Cache-Control", "max-age=86400"), 200,
                TokenEndpoint.discovery(base(ctx), tenant, issuer));
    }

    private void api(RoutingContext ctx) {
        Matcher matcher = API_PATH.matcher(ctx.request().path());
        Optional<Deployment> deployment = matcher.matches() ? emulation.deployment(matcher.group(1)) : Optional.empty();
        if (deployment.isEmpty()) {
            HttpServerResponse response = ctx.response().putHeader("OData-Version", "4.0");
            json(response, 404, JsonBodies.error("0x80060888", matcher.matches()
                    ? "The environment '" + matcher.group(1) + "' does not exist on this emulator."
                    : "Resource not found for the segment provided in the URL."));
            return;
        }
        String environment = matcher.group(1);
        String root = (ctx.request().isSSL() ? "https://" : "http://") + host(ctx) + "/" + environment + "/api/data/"
                + matcher.group(2) + "/";
        ServiceProtection limits = emulation.gate().limits();
        HttpServerResponse response = ctx.response();
        String requestId = UUID.randomUUID().toString();
        response.putHeader("OData-Version", "4.0").putHeader("REQ_ID", requestId)
                .putHeader("x-ms-service-request-id", requestId)
                .putHeader("x-ms-dop-hint", String.valueOf(limits.dopHint()));
        Claims claims;
        try {
            claims = authenticate(ctx, environment);
        } catch (TokenProblem problem) {
            response.putHeader("WWW-Authenticate", "Bearer authorization_uri=" + emulation.httpsBaseUrl()
                    + Application.DEFAULT_TENANT + "/oauth2/authorize, resource_id=" + base(ctx) + environment + "/");
            json(response, 401, JsonBodies.error("", problem.name() + ": " + problem.getMessage()));
            return;
        }
        var caller = deployment.get().environment().applicationUser(claims.clientId());
        if (caller.isEmpty()) {
            json(response, 401, JsonBodies.error("0x80072560", "The user is not a member of the organization."));
            return;
        }
        Admission admission = emulation.gate().admit(environment, claims.clientId());
        if (admission instanceof Throttling throttling) {
            response.putHeader("Retry-After", String.valueOf(throttling.retryAfterSeconds()))
                    .putHeader("x-ms-retry-after-ms", String.valueOf(throttling.retryAfterMillis()));
            json(response, 429, JsonBodies.error(throttling.code(), throttling.message()));
            return;
        }
        Ticket ticket = (Ticket) admission;
        if (emulation.gate().rollFailure()) {
            emulation.gate().failed(ticket);
            later(limits.latency().toNanos(), () -> json(response, 503, JsonBodies.error("0x80040216",
                    "The service is temporarily unavailable (injected fault). Try again later.")));
            return;
        }
        String path = matcher.group(3) == null ? "" : matcher.group(3).substring(1);
        ApiRequest request = new ApiRequest(ctx.request().method().name(), path,
                ctx.request().query() == null ? "" : ctx.request().query(), headers(ctx.request().headers()),
                ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes(),
                deployment.get().environment(), root, caller.get());
        vertx.<ApiResponse>executeBlocking(() -> handle(deployment.get(), request), false).onComplete(result -> {
            ApiResponse answer = result.succeeded() ? result.result()
                    : ApiResponse.json(500, JsonBodies.error("0x80040216", "An unexpected error occurred."));
            Duration cost = limits.cost(answer.operations(), answer.recordsWritten(), answer.recordsRead());
            long delay = (limits.pace() ? limits.realNanos(cost) : 0) + limits.latency().toNanos();
            boolean drop = emulation.gate().rollDrop();
            later(delay, () -> {
                emulation.gate().finish(ticket, cost, answer.recordsWritten(), answer.recordsRead());
                if (drop) {
                    emulation.gate().dropped(ticket);
                    ctx.request().connection().close();
                    return;
                }
                if (limits.enabled()) {
                    response.putHeader("x-ms-ratelimit-burst-remaining-xrm-requests", String.valueOf(ticket.remainingRequests()))
                            .putHeader("x-ms-ratelimit-time-remaining-xrm-requests", String.valueOf(ticket.remainingMillis()));
                }
                send(response, answer);
            });
        });
    }

    private static ApiResponse handle(Deployment deployment, ApiRequest request) {
        try {
            return deployment.api().handle(request);
        } catch (RuntimeException e) {
            System.err.println("dataverse-emulator: unexpected error on " + request.method() + " " + request.path());
            e.printStackTrace();
            return ApiResponse.json(500, JsonBodies.error("0x80040216", "An unexpected error occurred: " + e));
        }
    }

    private Claims authenticate(RoutingContext ctx, String environment) throws TokenProblem {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            throw new TokenProblem("MissingCrmAuthenticationToken", "The request carries no bearer token.");
        }
        return emulation.issuer().validate(authorization.substring(7).trim(),
                audience -> emulation.namesEnvironment(audience, environment));
    }

    private String host(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        if (host != null && !host.isBlank()) {
            return host;
        }
        return "localhost:" + (ctx.request().isSSL() ? emulation.httpsPort() : emulation.port());
    }

    private void later(long nanos, Runnable action) {
        if (nanos <= 0) {
            action.run();
        } else {
            vertx.setTimer(Math.max(1, (nanos + 999_999) / 1_000_000), id -> action.run());
        }
    }

    private static void send(HttpServerResponse response, ApiResponse answer) {
        response.setStatusCode(answer.status());
        for (Map.Entry<String, String> header : answer.headers()) {
            response.putHeader(header.getKey(), header.getValue());
        }
        if (answer.bodyLength() == 0) {
            response.end();
        } else {
            response.end(Buffer.buffer(Unpooled.wrappedBuffer(answer.bodyArray(), 0, answer.bodyLength())));
        }
    }

    static void json(HttpServerResponse response, int status, byte[] body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(body));
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : headers) {
            map.computeIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(entry.getValue());
        }
        return map;
    }
}
