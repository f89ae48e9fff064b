package io.dvmigrate.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.cli.Dvmigrate;
import io.dvmigrate.contracts.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dvmigrate bench}: every scenario measured side by side in one run, on this machine, against the emulator. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the pipeline against the emulator, side by side in one run: overhead (the pipeline vs"
                + " a direct in-process copy), ceiling (throughput under Dataverse's service protection vs the"
                + " model's ceiling), identities (1 vs 2 application users), scale-out (1 vs 2 loaders on a"
                + " latency-bound target) and memory (peak RSS of the extractor and loader at N and 5N rows).",
                "Writes a JSON report (and the ceiling scenario's rows/s chart beside it) and prints a table."
                        + " Exit code 0 when every goal is met, 1 when one is not."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--rows", paramLabel = "N", defaultValue = "200000",
            description = "Generated records copied by the overhead and memory scenarios (memory also copies 5N; the"
                    + " rate-bound scenarios copy N/2). Default: ${DEFAULT-VALUE}.")
    long rows;

    @Option(names = "--scenario", paramLabel = "NAME", split = ",",
            description = "Scenarios to run (repeatable or comma-separated): overhead, ceiling, identities, scale-out,"
                    + " memory. Default: all.")
    List<String> scenarios;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "target/bench/report.json",
            description = "The JSON report. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() {
        if (rows < 2000) {
            throw new IllegalArgumentException("--rows must be at least 2000 (the rate-bound scenarios copy N/2)");
        }
        List<String> selected = scenarios == null || scenarios.isEmpty() ? Scenarios.NAMES : scenarios;
        for (String name : selected) {
            if (!Scenarios.NAMES.contains(name)) {
                throw new IllegalArgumentException("--scenario: no scenario named '" + name + "' (there are "
                        + String.join(", ", Scenarios.NAMES) + ")");
            }
        }
        PrintStream console = System.out;
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.set("machine", machine());
        report.put("command", "dvmigrate bench --rows " + rows
                + (scenarios == null ? "" : " --scenario " + String.join(",", selected)));
        ArrayNode results = report.putArray("scenarios");
        Path chart = out.toAbsolutePath().resolveSibling("ceiling-throughput.png");
        try (BenchStack stack = BenchStack.start(console::println)) {
            Scenarios runner = new Scenarios(stack, rows, chart, console::println);
            for (String name : Scenarios.NAMES) {
                if (selected.contains(name)) {
                    results.add(runner.run(name));
                    write(report);
                }
            }
        }
        console.println();
        console.print(table(results));
        console.println("report: " + out.toAbsolutePath() + (selected.contains("ceiling") ? "\nchart:  " + chart : ""));
        boolean met = true;
        for (JsonNode scenario : results) {
            met &= scenario.path("goal_met").asBoolean();
        }
        return met ? Dvmigrate.OK : Dvmigrate.FAILED;
    }

    private static ObjectNode machine() {
        ObjectNode machine = Json.MAPPER.createObjectNode();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_gb", Math.round(totalMemoryGb()));
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        return machine;
    }

    private static double totalMemoryGb() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
        }
        return -1;
    }

    /** Written after every scenario, so a long bench that fails late keeps what it measured. */
    private void write(ObjectNode report) {
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + out + ": " + e.getMessage(), e);
        }
    }

    private static String table(ArrayNode results) {
        Map<String, String> figures = Scenarios.figureKeys();
        StringBuilder table = new StringBuilder(String.format("%-11s %10s %8s %9s %7s %9s %-28s %-38s %s%n", "scenario",
                "rows", "seconds", "rows/s", "failed", "throttled", "peak RSS MB", "figure", "goal"));
        for (JsonNode s : results) {
            String name = s.path("name").asText();
            String figure = figures.get(name) + " = " + s.path(figures.get(name)).asText();
            if (name.equals("ceiling")) {
                figure += String.format(" of %,d rows/s", s.path("ceiling_rows_per_s").asLong());
            }
            if (name.equals("overhead")) {
                figure += String.format(" (direct %,d rows/s)", s.path("direct").path("rows_per_s").asLong());
            }
            StringBuilder rss = new StringBuilder();
            s.path("peak_rss_mb").fields().forEachRemaining(e -> rss.append(rss.isEmpty() ? "" : " ")
                    .append(e.getKey().replace("transformer", "tr").replace("extractor", "ex").replace("loader", "lo"))
                    .append('=').append(e.getValue().asLong()));
            table.append(String.format("%-11s %,10d %8.1f %,9d %7d %9d %-28s %-38s %s %s%n", name, s.path("rows").asLong(),
                    s.path("seconds").asDouble(), s.path("rows_per_s").asLong(), s.path("failed_rows").asLong(),
                    s.path("throttled_requests").asLong(), rss, figure, s.path("goal").asText(),
                    s.path("goal_met").asBoolean() ? "met" : "MISSED"));
        }
        return table.toString();
    }
}
