package io.dvmigrate.emulator.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvmigrate.emulator.DataverseEmulator;
import io.dvmigrate.emulator.ServiceProtection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the emulator over real HTTP: an embedded emulator with {@code source=generated:N} and
 * {@code target=generated:0}; paging reads of every dvm_benchrecord of the source (Prefer odata.maxpagesize), then
 * UpsertMultiple of those rows into the emptied target (reset before each round, so every row is created) in
 * requests of {@code --batch} rows from {@code --concurrency} clients. The client does little while the clock runs: request bodies are built beforehand, and timed reads only
 * scan each page for its rows and next link. Prints a summary and one JSON line
 * ({@code {"benchmark":"dataverse-emulator",...}}). Each round also reports the CPU time the process used, so a
 * figure taken on a shared machine can be read against the work it cost.
 */
@Command(name = "emulator-benchmark", mixinStandardHelpOptions = true,
        description = "Read and write throughput of the Dataverse emulator over HTTP.")
public final class EmulatorBenchmark implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();
    private static final List<String> WRITABLE = List.of("dvm_benchrecordid", "dvm_name", "dvm_code", "dvm_description",
            "dvm_quantity", "dvm_amount", "dvm_ratio", "dvm_weight", "dvm_active", "dvm_eventdate", "dvm_duedate",
            "dvm_status", "dvm_email", "dvm_phone", "dvm_city");
    private static final byte[] ROW = "{\"@odata.etag\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_LINK = "\"@odata.nextLink\":\"".getBytes(StandardCharsets.US_ASCII);

    @Option(names = "--records", defaultValue = "200000", description = "Rows in the source's main table. Default: ${DEFAULT-VALUE}.")
    int records;

    @Option(names = "--page-size", defaultValue = "5000", description = "Prefer odata.maxpagesize of the reads. Default: ${DEFAULT-VALUE}.")
    int pageSize;

    @Option(names = "--batch", defaultValue = "1000", description = "Rows per UpsertMultiple request. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--concurrency", defaultValue = "8", description = "Concurrent UpsertMultiple requests. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed runs of each phase; the best counts. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--limits", defaultValue = "off", description = "Limits spec of the emulator. Default: ${DEFAULT-VALUE}.")
    String limits;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmulatorBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long starting = System.nanoTime();
        try (DataverseEmulator emulator = DataverseEmulator.builder().environment("source", "generated:" + records)
                .environment("target", "generated:0").limits(ServiceProtection.parse(limits)).start()) {
            double startSeconds = (System.nanoTime() - starting) / 1e9;
            System.out.printf("emulator started with %,d source rows in %.1f s (%d cores, max heap %d MB)%n", records,
                    startSeconds, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            String sourceToken = token(emulator, "source");
            String targetToken = token(emulator, "target");
            List<byte[]> bodies = prepare(emulator.webApiUrl("source"), sourceToken);
            double readRate = 0;
            double readPerCpu = 0;
            for (int round = 1; round <= rounds; round++) {
                long started = System.nanoTime();
                long cpu = cpuNanos();
                long[] read = read(emulator.webApiUrl("source"), sourceToken);
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpuSeconds = (cpuNanos() - cpu) / 1e9;
                readRate = Math.max(readRate, read[0] / seconds);
                readPerCpu = Math.max(readPerCpu, read[0] / cpuSeconds);
                System.out.printf("read  round %d: %,d rows in %,d pages of %d, %.2f s -> %,.0f rows/s (%.1f MB/s; %.2f s of CPU, %,.0f rows per CPU-second)%n",
                        round, read[0], read[1], pageSize, seconds, read[0] / seconds, read[2] / seconds / 1e6, cpuSeconds,
                        read[0] / cpuSeconds);
            }
            double writeRate = 0;
            double writePerCpu = 0;
            for (int round = 1; round <= rounds; round++) {
                emulator.admin().reset("target");
                copyCategories(emulator, sourceToken, targetToken);
                System.gc();
                long started = System.nanoTime();
                long cpu = cpuNanos();
                long rows = write(emulator.webApiUrl("target"), targetToken, bodies);
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpuSeconds = (cpuNanos() - cpu) / 1e9;
                writeRate = Math.max(writeRate, rows / seconds);
                writePerCpu = Math.max(writePerCpu, rows / cpuSeconds);
                System.out.printf("write round %d: %,d rows in %,d UpsertMultiple requests of %d, %d concurrent, %.2f s -> %,.0f rows/s (%.2f s of CPU, %,.0f rows per CPU-second)%n",
                        round, rows, bodies.size(), batch, concurrency, seconds, rows / seconds, cpuSeconds, rows / cpuSeconds);
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("benchmark", "dataverse-emulator");
            report.put("records", records);
            report.put("cores", Runtime.getRuntime().availableProcessors());
            report.put("startSeconds", Math.round(startSeconds * 10) / 10.0);
            report.put("pageSize", pageSize);
            report.put("readRowsPerSecond", Math.round(readRate));
            report.put("readRowsPerCpuSecond", Math.round(readPerCpu));
            report.put("batch", batch);
            report.put("concurrency", concurrency);
            report.put("upsertRowsPerSecond", Math.round(writeRate));
            report.put("upsertRowsPerCpuSecond", Math.round(writePerCpu));
            report.put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            report.put("limits", ServiceProtection.parse(limits).toSpec());
            report.put("targetRows", emulator.rowCounts("target").get("dvm_benchrecord"));
            System.out.println(MAPPER.writeValueAsString(report));
        }
        return 0;
    }

    /** Pages through every record: rows, pages and bytes read. */
    private long[] read(String root, String token) throws Exception {
        String next = root + "dvm_benchrecords";
        long rows = 0;
        long pages = 0;
        long bytes = 0;
        while (next != null) {
            byte[] page = page(next, token);
            pages++;
            bytes += page.length;
            next = nextLink(page);
            // a page with a next link holds exactly the page size; only the last one needs counting
            rows += next != null ? pageSize : count(page);
        }
        return new long[] {rows, pages, bytes};
    }

    /** Reads every record once, untimed, into UpsertMultiple bodies of {@code batch} targets. */
    private List<byte[]> prepare(String root, String token) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        List<JsonNode> rows = new ArrayList<>();
        String next = root + "dvm_benchrecords?$select=" + String.join(",", WRITABLE);
        while (next != null) {
            byte[] page = page(next, token);
            try (JsonParser parser = JSON.createParser(page)) {
                parser.nextToken();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if (!field.equals("value")) {
                        parser.skipChildren();
                        continue;
                    }
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        rows.add(MAPPER.readTree(parser));
                        if (rows.size() == batch) {
                            bodies.add(body(rows));
                            rows.clear();
                        }
                    }
                }
            }
            next = nextLink(page);
        }
        if (!rows.isEmpty()) {
            bodies.add(body(rows));
        }
        return bodies;
    }

    private byte[] body(List<JsonNode> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 600);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Targets");
            for (JsonNode row : rows) {
                json.writeStartObject();
                json.writeStringField("@odata.type", "Microsoft.Dynamics.CRM.dvm_benchrecord");
                for (String column : WRITABLE) {
                    json.writeFieldName(column);
                    json.writeTree(row.get(column));
                }
                json.writeStringField("dvm_CategoryId@odata.bind", "/dvm_benchcategories(dvm_code='CAT-000001')");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private byte[] page(String url, String token) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Prefer", "odata.maxpagesize=" + pageSize)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("read failed: " + response.statusCode() + " " + new String(response.body()));
        }
        return response.body();
    }

    private long write(String root, String token, List<byte[]> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger nextBody = new AtomicInteger();
        URI uri = URI.create(root + "dvm_benchrecords/Microsoft.Dynamics.CRM.UpsertMultiple");
        try {
            List<Future<Long>> workers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                workers.add(pool.submit(() -> {
                    long written = 0;
                    for (int index = nextBody.getAndIncrement(); index < bodies.size(); index = nextBody.getAndIncrement()) {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(index))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 204) {
                            throw new IllegalStateException("UpsertMultiple failed: " + response.statusCode() + " " + response.body());
                        }
                        written += Math.min(batch, records - (long) index * batch);
                    }
                    return written;
                }));
            }
            long rows = 0;
            for (Future<Long> worker : workers) {
                rows += worker.get();
            }
            return rows;
        } finally {
            pool.shutdown();
        }
    }

    /** The target needs the categories the records bind to, as a migration loads parents first. */
    private void copyCategories(DataverseEmulator emulator, String sourceToken, String targetToken) throws Exception {
        JsonNode categories = MAPPER.readTree(page(emulator.webApiUrl("source")
                + "dvm_benchcategories?$select=dvm_name,dvm_code", sourceToken)).get("value");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Targets");
            for (JsonNode row : categories) {
                json.writeStartObject();
                json.writeStringField("@odata.type", "Microsoft.Dynamics.CRM.dvm_benchcategory");
                json.writeStringField("dvm_benchcategoryid", row.get("dvm_benchcategoryid").asText());
                json.writeStringField("dvm_name", row.get("dvm_name").asText());
                json.writeStringField("dvm_code", row.get("dvm_code").asText());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        HttpResponse<String> loaded = http.send(HttpRequest.newBuilder(URI.create(emulator.webApiUrl("target")
                        + "dvm_benchcategories/Microsoft.Dynamics.CRM.UpsertMultiple")).header("Authorization", "Bearer " + targetToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (loaded.statusCode() != 204) {
            throw new IllegalStateException("loading categories failed: " + loaded.body());
        }
    }

    private String token(DataverseEmulator emulator, String environment) throws Exception {
        String form = "grant_type=client_credentials&client_id=dvm-local&client_secret=dvm-local-secret&scope="
                + URLEncoder.encode(emulator.environmentUrl(environment) + "/.default", StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "dvm/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(response.body()).get("access_token").asText();
    }

    /** CPU time of this process (client and emulator together). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int count(byte[] page) {
        int count = 0;
        for (int i = indexOf(page, ROW, 0); i >= 0; i = indexOf(page, ROW, i + ROW.length)) {
            count++;
        }
        return count;
    }

    private static int indexOf(byte[] text, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= text.length - pattern.length; i++) {
            if (text[i] != pattern[0]) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (text[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The next link: the last field of a page that has one. */
    private static String nextLink(byte[] page) {
        int at = indexOf(page, NEXT_LINK, Math.max(0, page.length - 4096));
        if (at < 0) {
            return null;
        }
        int start = at + NEXT_LINK.length;
        int end = start;
        while (page[end] != '"') {
            end++;
        }
        return new String(page, start, end - start, StandardCharsets.UTF_8);
    }
}
