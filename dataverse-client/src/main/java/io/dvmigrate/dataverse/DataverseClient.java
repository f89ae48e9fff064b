package io.dvmigrate.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvmigrate.dataverse.auth.TlsTrust;
import io.dvmigrate.dataverse.auth.TokenSource;
import io.dvmigrate.dataverse.batch.BatchRequest;
import io.dvmigrate.dataverse.batch.BatchResponseParser;
import io.dvmigrate.dataverse.batch.BatchResult;
import io.dvmigrate.dataverse.config.AppUser;
import io.dvmigrate.dataverse.config.ConnectionSettings;
import io.dvmigrate.dataverse.config.RetryPolicy;
import io.dvmigrate.dataverse.error.CredentialsRejected;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.error.SecretUnavailable;
import io.dvmigrate.dataverse.error.ServiceUnreachable;
import io.dvmigrate.dataverse.http.ApiRequest;
import io.dvmigrate.dataverse.http.ApiResponse;
import io.dvmigrate.dataverse.http.Transport;
import io.dvmigrate.dataverse.metadata.MetadataReader;
import io.dvmigrate.dataverse.metadata.TableMetadata;
import io.dvmigrate.dataverse.metadata.TableSummary;
import io.dvmigrate.dataverse.metrics.ClientMetrics;
import io.dvmigrate.dataverse.metrics.ClientStats;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Pages;
import io.dvmigrate.dataverse.read.Query;
import io.dvmigrate.dataverse.read.QueryEncoding;
import io.dvmigrate.dataverse.throttle.Lane;
import io.dvmigrate.dataverse.throttle.LanePool;
import io.dvmigrate.dataverse.write.Association;
import io.dvmigrate.dataverse.write.Precondition;
import io.dvmigrate.dataverse.write.RowKey;
import io.dvmigrate.dataverse.write.RowWriter;
import io.dvmigrate.dataverse.write.TableRef;
import io.dvmigrate.dataverse.write.WriteOperation;
import io.dvmigrate.dataverse.write.WriteOptions;
import io.dvmigrate.dataverse.write.WriteResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A client for one Dataverse environment's Web API. Thread-safe: share one per environment.
 * <pre>{@code
 * ConnectionSettings target = ConnectionSettings.builder("target")
 *         .serviceRoot("https://contoso.crm4.dynamics.com")
 *         .tenant("contoso.onmicrosoft.com")
 *         .clientSecret("0b6f…", "env:DVM_TARGET_SECRET")
 *         .build();
 * try (DataverseClient client = DataverseClient.connect(target)) {
 *     for (Page page : client.read(Query.of("accounts").select("name", "accountnumber"))) { … }
 *     WriteResult<JsonRow> result = client.write(accounts, rows, WriteOperation.UPSERT, WriteOptions.DEFAULT);
 * }
 * }</pre>
 * Connecting sends nothing; the first request acquires the first token.
 */
public final class DataverseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INITIAL_CONCURRENCY = 2;

    private final ConnectionSettings settings;
    private final HttpClient http;
    private final ExecutorService executor;
    private final ClientMetrics metrics;
    private final Transport transport;
    private final MetadataReader metadata;
    private final RowWriter writer;

    private DataverseClient(ConnectionSettings settings, MeterRegistry registry) {
        this.settings = settings;
        SSLContext ssl = TlsTrust.sslContext(settings);
        // no cookie handler: the ARRAffinity cookie would pin every request to one web server
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(ssl)
                .build();
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.metrics = new ClientMetrics(registry, settings.name());
        List<Lane> lanes = new ArrayList<>();
        for (AppUser user : settings.users()) {
            lanes.add(new Lane(user.clientId(), new TokenSource(settings, user, ssl.getSocketFactory(), Clock.systemUTC()),
                    INITIAL_CONCURRENCY, settings.maxConcurrency()));
        }
        LanePool pool = new LanePool(lanes);
        for (Lane lane : lanes) {
            metrics.gauges(lane.user(), () -> pool.limitOf(lane), () -> pool.inFlightOf(lane));
        }
        this.transport = new Transport(settings, http, pool, metrics);
        this.metadata = new MetadataReader(transport, executor);
        this.writer = new RowWriter(transport, executor);
    }

    /** A client whose metrics go to a private {@link SimpleMeterRegistry} (see {@link #stats()}). */
    public static DataverseClient connect(ConnectionSettings settings) {
        return new DataverseClient(settings, new SimpleMeterRegistry());
    }

    /** A client whose metrics go to {@code registry} (a service's Prometheus registry, say). */
    public static DataverseClient connect(ConnectionSettings settings, MeterRegistry registry) {
        return new DataverseClient(settings, registry);
    }

    public String environment() {
        return settings.name();
    }

    public ConnectionSettings settings() {
        return settings;
    }

    // ---- reads

    /** The pages of a read, fetched as they are iterated: one page in memory at a time. */
    public Pages read(Query query) {
        return new Pages(transport, query);
    }

    public MetadataReader metadata() {
        return metadata;
    }

    public List<TableSummary> tables() {
        return metadata.tables();
    }

    public TableMetadata table(String logicalName) {
        return metadata.table(logicalName);
    }

    public WhoAmI whoAmI() {
        ApiRequest request = ApiRequest.get(settings.serviceRoot().resolve("WhoAmI"), Map.of());
        ApiResponse response = transport.send(request);
        if (!response.isSuccess()) {
            throw new RequestFailed(environment(), request.line(), response.error(), response.attempts(), List.of());
        }
        JsonNode body = json(response.body());
        return new WhoAmI(body.path("UserId").asText(), body.path("BusinessUnitId").asText(), body.path("OrganizationId").asText());
    }

    /**
     * Row counts per table from {@code RetrieveTotalRecordCount} (a snapshot Dataverse refreshes about daily; unlike
     * {@code $count} it is not capped at 5,000). Tables Dataverse has no count for are absent from the map.
     */
    public Map<String, Long> rowCounts(List<String> logicalNames) {
        StringBuilder names = new StringBuilder("[");
        for (String name : logicalNames) {
            names.append(names.length() > 1 ? "," : "").append('"').append(name.replace("\"", "")).append('"');
        }
        names.append(']');
        ApiRequest request = ApiRequest.get(settings.serviceRoot().resolve("RetrieveTotalRecordCount(EntityNames=@p)?@p="
                + QueryEncoding.value(names.toString())), Map.of());
        ApiResponse response = transport.send(request);
        if (!response.isSuccess()) {
            throw new RequestFailed(environment(), request.line(), response.error(), response.attempts(), List.of());
        }
        JsonNode collection = json(response.body()).path("EntityRecordCountCollection");
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < collection.path("Keys").size(); i++) {
            counts.put(collection.path("Keys").path(i).asText(), collection.path("Values").path(i).asLong());
        }
        return counts;
    }

    // ---- writes

    /** Writes rows (already in the Web API's JSON form) in the mode the options ask for. */
    public WriteResult<JsonRow> write(TableRef table, List<JsonRow> rows, WriteOperation operation, WriteOptions options) {
        return writer.write(table, rows, operation, options);
    }

    /** Upserts rows in the best mode the table supports, isolating the rows Dataverse refuses. */
    public WriteResult<JsonRow> upsert(TableRef table, List<JsonRow> rows) {
        return writer.write(table, rows, WriteOperation.UPSERT, WriteOptions.DEFAULT);
    }

    /** Updates existing rows only (deferred lookups, state changes): a missing row fails, it is never created. */
    public WriteResult<JsonRow> update(TableRef table, List<JsonRow> rows) {
        return writer.write(table, rows, WriteOperation.UPDATE, WriteOptions.DEFAULT);
    }

    /** One row by key, as an upsert or under a precondition. */
    public void upsert(TableRef table, RowKey key, JsonRow row, Precondition precondition) {
        writer.upsert(table, key, row, precondition);
    }

    public String create(TableRef table, JsonRow row) {
        return writer.create(table, row);
    }

    public boolean delete(String entitySet, RowKey key) {
        return writer.delete(entitySet, key);
    }

    public WriteResult<RowKey> delete(String entitySet, List<RowKey> keys) {
        return writer.delete(entitySet, keys, WriteOptions.DEFAULT);
    }

    public WriteResult<Association> associate(List<Association> pairs) {
        return writer.associate(pairs, WriteOptions.DEFAULT);
    }

    public WriteResult<Association> disassociate(List<Association> pairs) {
        return writer.disassociate(pairs, WriteOptions.DEFAULT);
    }

    public RowWriter writer() {
        return writer;
    }

    /**
     * Sends a {@code $batch} as it is and returns one result per operation (with {@code continueOnError}) or the
     * failing one (without).
     */
    public List<BatchResult> batch(BatchRequest batch) {
        ApiRequest request = ApiRequest.write("POST", settings.serviceRoot().resolve("$batch"),
                batch.continueOnError() ? Map.of("Prefer", "odata.continue-on-error") : Map.of(),
                batch.body(BatchRequest.newBoundary()), false);
        ApiResponse response = transport.send(request);
        String type = response.header("Content-Type").orElse("");
        if (!type.toLowerCase().startsWith("multipart/")) {
            throw new RequestFailed(environment(), request.line(), response.error(), response.attempts(), List.of());
        }
        return BatchResponseParser.parse(type, response.body());
    }

    // ---- operations

    /**
     * Tests the connection end to end and says what is wrong: the secret, the credentials, reachability, or a
     * privilege (each entity set named is read with {@code $top=1}).
     */
    public ConnectionCheck check(String... entitySetsToRead) {
        Optional<WhoAmI> identity = Optional.empty();
        try {
            identity = Optional.of(whoAmI());
            for (String entitySet : entitySetsToRead) {
                Pages pages = read(Query.of(entitySet).top(1).pageSize(1));
                pages.next();
            }
            return new ConnectionCheck(environment(), ConnectionCheck.Outcome.OK, "environment '" + environment()
                    + "' answered as user " + identity.get().userId(), identity);
        } catch (SecretUnavailable e) {
            return new ConnectionCheck(environment(), ConnectionCheck.Outcome.SECRET_UNAVAILABLE, e.getMessage(), identity);
        } catch (CredentialsRejected e) {
            return new ConnectionCheck(environment(), ConnectionCheck.Outcome.CREDENTIALS_REJECTED, e.getMessage(), identity);
        } catch (ServiceUnreachable e) {
            return new ConnectionCheck(environment(), ConnectionCheck.Outcome.UNREACHABLE, e.getMessage(), identity);
        } catch (RequestFailed e) {
            ConnectionCheck.Outcome outcome = e.status() == 403 ? ConnectionCheck.Outcome.PRIVILEGE_MISSING
                    : e.status() == 401 ? ConnectionCheck.Outcome.CREDENTIALS_REJECTED : ConnectionCheck.Outcome.FAILED;
            return new ConnectionCheck(environment(), outcome, e.getMessage(), identity);
        }
    }

    /** Tests a connection with a short retry policy, so an unreachable URL is reported in seconds. */
    public static ConnectionCheck check(ConnectionSettings settings, String... entitySetsToRead) {
        ConnectionSettings quick = settings.withRetry(
                new RetryPolicy(2, Duration.ofSeconds(20), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(20)),
                Duration.ofSeconds(30));
        try (DataverseClient client = connect(quick)) {
            return client.check(entitySetsToRead);
        }
    }

    /** Requests, 429s, retries and retry waits of this environment so far. */
    public ClientStats stats() {
        return metrics.stats();
    }

    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        // not close(): that waits for every exchange the HTTP client still tracks, up to the request timeout
        http.shutdownNow();
    }

    private JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("environment '" + environment() + "' answered with invalid JSON", e);
        }
    }
}
