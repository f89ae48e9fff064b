package io.dvmigrate.cli.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.api.OrchestratorClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Follows a run until it ends, showing progress people can read: on a terminal, one live bar per table (rows
 * written of estimated, rows per second, ETA, the pass it is in; waiting tables say what they wait for); otherwise
 * plain lines when something changes. Ends with a summary per table and the verification result.
 */
public final class RunFollower {
    private static final Set<String> FINAL = Set.of("Succeeded", "SucceededWithErrors", "Failed", "Cancelled");
    private static final int BAR = 24;

    private final OrchestratorClient api;
    private final PrintStream out;
    private final boolean live;
    private final Map<String, String> lastState = new HashMap<>();
    private int drawnLines;
    private long lastPlainProgress;

    public RunFollower(OrchestratorClient api, PrintStream out, boolean live) {
        this.api = api;
        this.out = out;
        this.live = live;
    }

    /** Polls until the run is final and returns its last view. */
    public JsonNode follow(UUID runId) {
        long started = System.nanoTime();
        while (true) {
            JsonNode run = api.run(runId);
            if (live) {
                redraw(run, started);
            } else {
                printChanges(run, started);
            }
            if (FINAL.contains(run.path("status").asText())) {
                return run;
            }
            sleep(Duration.ofMillis(live ? 400 : 1000));
        }
    }

    private void redraw(JsonNode run, long started) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "run %s  %s  %s", run.path("id").asText().substring(0, 8),
                run.path("status").asText(), clock(System.nanoTime() - started)));
        for (Map.Entry<String, List<JsonNode>> table : byTable(run).entrySet()) {
            lines.add(line(table.getKey(), table.getValue()));
        }
        StringBuilder frame = new StringBuilder();
        if (drawnLines > 0) {
            frame.append("\033[").append(drawnLines).append("F");
        }
        for (String line : lines) {
            frame.append("\033[2K").append(line).append('\n');
        }
        out.print(frame);
        out.flush();
        drawnLines = lines.size();
    }

    /** One table's line: its current pass and bar, or what it waits for, or done. */
    private static String line(String table, List<JsonNode> steps) {
        JsonNode current = steps.stream().filter(s -> isActive(s.path("status").asText())).findFirst().orElse(null);
        String name = String.format(Locale.ROOT, "  %-28s", table.length() > 28 ? table.substring(0, 27) + "…" : table);
        if (current == null) {
            boolean allDone = steps.stream().allMatch(s -> isDone(s.path("status").asText()));
            boolean anyStarted = steps.stream().anyMatch(s -> !s.path("status").asText().equals("Waiting"));
            if (allDone) {
                return name + "done " + count(steps.stream().filter(s -> s.path("pass").asText().equals("DATA"))
                        .mapToLong(s -> s.path("rowsWritten").asLong()).sum()) + " rows";
            }
            JsonNode next = steps.stream().filter(s -> s.path("status").asText().equals("Waiting")).findFirst().orElse(steps.get(0));
            return name + (anyStarted ? "waiting for " + next.path("pass").asText().toLowerCase(Locale.ROOT).replace('_', ' ')
                    : "waiting for its parents");
        }
        String pass = current.path("pass").asText();
        long done = done(current);
        long total = Math.max(current.path("estimatedRows").asLong(), current.path("rowsExtracted").asLong());
        double seconds = current.path("seconds").asDouble(0);
        double rate = seconds > 0 ? done / seconds : 0;
        int filled = total > 0 ? (int) Math.min(BAR, BAR * done / total) : 0;
        String eta = rate > 0 && total > done ? clock((long) ((total - done) / rate * 1e9)) : "-";
        return String.format(Locale.ROOT, "%s[%s%s] %9s/%-9s %7s rows/s  ETA %5s  %s", name, "█".repeat(filled),
                "░".repeat(BAR - filled), count(done), total > 0 ? count(total) : "?", count((long) rate), eta,
                pass.toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    private void printChanges(JsonNode run, long started) {
        String time = "[" + clock(System.nanoTime() - started) + "]";
        String runState = run.path("status").asText();
        if (!runState.equals(lastState.put("run", runState))) {
            out.println(time + " run " + runState);
        }
        boolean progressDue = System.nanoTime() - lastPlainProgress > 5_000_000_000L;
        for (JsonNode step : run.path("steps")) {
            String key = step.path("table").asText() + " " + step.path("pass").asText();
            String state = step.path("status").asText();
            if (!state.equals(lastState.put(key, state)) && !state.equals("Waiting")) {
                out.println(time + " " + key + " " + state.toLowerCase(Locale.ROOT) + summaryOf(step, state));
            } else if (progressDue && isActive(state)) {
                out.println(time + " " + key + " " + count(done(step)) + "/"
                        + count(Math.max(step.path("estimatedRows").asLong(), step.path("rowsExtracted").asLong())) + " rows");
            }
        }
        if (progressDue) {
            lastPlainProgress = System.nanoTime();
        }
        out.flush();
    }

    /** Rows a step has dealt with: compared for verify, written or failed otherwise. */
    private static long done(JsonNode step) {
        return step.path("pass").asText().equals("VERIFY")
                ? step.path("rowsMatched").asLong() + step.path("rowsMissing").asLong() + step.path("rowsDiffering").asLong()
                : step.path("rowsWritten").asLong() + step.path("rowsFailed").asLong();
    }

    private static String summaryOf(JsonNode step, String state) {
        if (!state.equals("Loaded")) {
            return state.equals("Failed") ? ": " + step.path("error").asText() : "";
        }
        if (step.path("pass").asText().equals("VERIFY")) {
            return ": " + count(step.path("rowsMatched").asLong()) + " matched, " + step.path("rowsMissing").asLong()
                    + " missing, " + step.path("rowsDiffering").asLong() + " differing";
        }
        return ": " + count(step.path("rowsWritten").asLong()) + " written, " + step.path("rowsFailed").asLong() + " failed";
    }

    /** The summary table per table, then the verification line; returns the line's verdict. */
    public static boolean printSummary(JsonNode run, PrintStream out) {
        out.println();
        out.println(String.format(Locale.ROOT, "  %-28s %10s %8s %8s %9s", "table", "rows", "failed", "deleted", "duration"));
        long rows = 0;
        long mismatches = 0;
        int tables = 0;
        for (Map.Entry<String, List<JsonNode>> table : byTable(run).entrySet()) {
            List<JsonNode> steps = table.getValue();
            long written = sum(steps, "DATA", "rowsWritten") + sum(steps, "MANY_TO_MANY", "rowsWritten");
            long failed = steps.stream().filter(s -> !s.path("pass").asText().equals("VERIFY"))
                    .mapToLong(s -> s.path("rowsFailed").asLong()).sum();
            long deleted = sum(steps, "DELETES", "rowsDeleted");
            double seconds = steps.stream().filter(s -> !s.path("pass").asText().equals("VERIFY"))
                    .mapToDouble(s -> s.path("seconds").asDouble(0)).sum();
            out.println(String.format(Locale.ROOT, "  %-28s %10s %8d %8d %8.1fs", table.getKey(), count(written), failed,
                    deleted, seconds));
            boolean isTable = steps.stream().anyMatch(s -> s.path("pass").asText().equals("DATA"));
            if (isTable) {
                tables++;
                rows += sum(steps, "VERIFY", "rowsMatched") + sum(steps, "VERIFY", "rowsMissing")
                        + sum(steps, "VERIFY", "rowsDiffering");
                mismatches += sum(steps, "VERIFY", "rowsMissing") + sum(steps, "VERIFY", "rowsDiffering");
            }
        }
        String status = run.path("status").asText();
        out.println();
        if (status.equals("Succeeded") && mismatches == 0) {
            out.println("verified: " + tables + " tables, " + rows + " rows, 0 mismatches");
            return true;
        }
        String detail = run.path("error").asText("");
        out.println("run " + status + (detail.isEmpty() ? "" : ": " + detail));
        out.println("not verified: " + tables + " tables, " + rows + " rows, " + mismatches + " mismatches"
                + (status.equals("SucceededWithErrors") ? " (rows in the dead-letter topic: fix their cause, then"
                + " `dvmigrate replay " + run.path("id").asText() + "`)" : ""));
        return false;
    }

    private static long sum(List<JsonNode> steps, String pass, String field) {
        return steps.stream().filter(s -> s.path("pass").asText().equals(pass)).mapToLong(s -> s.path(field).asLong()).sum();
    }

    private static Map<String, List<JsonNode>> byTable(JsonNode run) {
        Map<String, List<JsonNode>> tables = new LinkedHashMap<>();
        for (JsonNode step : run.path("steps")) {
            tables.computeIfAbsent(step.path("table").asText(), k -> new ArrayList<>()).add(step);
        }
        return tables;
    }

    private static boolean isActive(String status) {
        return status.equals("Extracting") || status.equals("Loading");
    }

    private static boolean isDone(String status) {
        return status.equals("Loaded") || status.equals("Failed") || status.equals("Skipped");
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String clock(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
