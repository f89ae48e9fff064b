package io.dvmigrate.cli.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.contracts.Json;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Runs as the orchestrator's {@code GET /api/runs/{id}} shows them: RunResource's RunView, Totals and StepView, every
 * field in their order, nulls written out and times as ISO text (Quarkus's Jackson defaults), totals summed the way
 * RunResource sums them.
 */
public final class RunViews {
    /** MigrationStatus's next steps, which a finished run shows; a run still going says to follow it. */
    private static final Map<String, String> NEXT_STEPS = Map.of(
            "Succeeded", "nothing: the target matches the source",
            "SucceededWithErrors", "fix the cause of the dead-lettered rows (see the run log), then replay them",
            "Failed", "read the run's error and log, fix the cause, then run again",
            "Cancelled", "run again when ready");
    private static final String STARTED = "2025-11-03T09:15:30.123456Z";
    private static final String FINISHED = "2025-11-03T09:17:02.654321Z";

    private RunViews() {
    }

    /** A run of migration {@code demo} with these steps; tests add or change fields with {@code put}. */
    public static ObjectNode run(UUID id, String status, ObjectNode... steps) {
        List<ObjectNode> all = List.of(steps);
        boolean finished = NEXT_STEPS.containsKey(status);
        ObjectNode run = Json.MAPPER.createObjectNode()
                .put("id", id.toString())
                .put("migration", "demo")
                .put("status", status)
                .put("trigger", "manual")
                .putNull("error")
                .put("nextStep", NEXT_STEPS.getOrDefault(status, "follow the run; it can be cancelled"))
                .put("createdAt", STARTED)
                .put("startedAt", STARTED);
        if (finished) {
            run.put("finishedAt", FINISHED).put("seconds", 92.531);
        } else {
            run.putNull("finishedAt").put("seconds", 12.5);
        }
        Predicate<String> verify = "VERIFY"::equals;
        run.putObject("totals")
                .put("rowsWritten", sum(all, "rowsWritten", verify.or("DELETES"::equals).negate()))
                .put("rowsFailed", sum(all, "rowsFailed", pass -> true))
                .put("rowsDeleted", sum(all, "rowsDeleted", pass -> true))
                .put("tables", all.stream().filter(s -> s.path("pass").asText().equals("DATA")).count())
                .put("rowsVerified", sum(all, "rowsMatched", verify) + sum(all, "rowsDiffering", verify)
                        + sum(all, "rowsMissing", verify))
                .put("mismatches", sum(all, "rowsMissing", verify) + sum(all, "rowsDiffering", verify));
        ArrayNode stepViews = run.putArray("steps");
        all.forEach(stepViews::add);
        return run;
    }

    /** One table in one pass, nothing counted yet. */
    public static ObjectNode step(String table, String pass, String status) {
        boolean started = !status.equals("Waiting") && !status.equals("Skipped");
        ObjectNode step = Json.MAPPER.createObjectNode()
                .put("table", table)
                .put("pass", pass)
                .put("status", status)
                .put("estimatedRows", 0L)
                .put("rowsExtracted", 0L)
                .put("rowsWritten", 0L)
                .put("rowsFailed", 0L)
                .put("rowsDeleted", 0L)
                .put("rowsMatched", 0L)
                .put("rowsMissing", 0L)
                .put("rowsDiffering", 0L)
                .put("rowsExtra", 0L);
        step.putNull("chunksExpected");
        step.put("chunksDone", 0);
        if (started) {
            step.put("startedAt", STARTED);
        } else {
            step.putNull("startedAt");
        }
        step.putNull("finishedAt");
        step.putNull("seconds");
        step.putNull("error");
        return step;
    }

    /** The list {@code GET /api/runs} answers: runs without their steps. */
    public static ArrayNode list(ObjectNode... runs) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (ObjectNode run : runs) {
            ObjectNode summary = run.deepCopy();
            summary.putArray("steps");
            list.add(summary);
        }
        return list;
    }

    private static long sum(List<ObjectNode> steps, String field, Predicate<String> pass) {
        return steps.stream().filter(s -> pass.test(s.path("pass").asText()))
                .mapToLong(s -> s.path(field).asLong()).sum();
    }
}
