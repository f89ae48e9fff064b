package io.dvmigrate.orchestrator.run;

import io.dvmigrate.contracts.Json;
import io.dvmigrate.orchestrator.store.RunEntity;
import io.dvmigrate.orchestrator.store.TableRunEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A run's history as a download: counts, durations and errors per table and pass; failures; mismatches; events. */
@ApplicationScoped
public class RunLog {
    private static final String[] CSV_COLUMNS = {"table", "pass", "status", "estimated_rows", "rows_extracted",
            "rows_written", "rows_failed", "rows_deleted", "rows_matched", "rows_missing", "rows_differing", "rows_extra",
            "started_at", "finished_at", "seconds", "error"};

    private final EntityManager em;

    public RunLog(EntityManager em) {
        this.em = em;
    }

    public String csv(UUID runId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
            for (TableRunEntity s : TableRunEntity.ofRun(runId)) {
                Object[] values = {s.tableName, s.pass, s.status, s.estimatedRows, s.rowsExtracted, s.rowsWritten,
                        s.rowsFailed, s.rowsDeleted, s.rowsMatched, s.rowsMissing, s.rowsDiffering, s.rowsExtra,
                        s.startedAt, s.finishedAt, seconds(s), s.error};
                for (int i = 0; i < values.length; i++) {
                    out.append(i == 0 ? "" : ",").append(csvValue(values[i]));
                }
                out.append('\n');
            }
            return out.toString();
        });
    }

    public byte[] json(UUID runId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RunEntity run = RunEntity.findById(runId);
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("run", Map.of("id", run.id, "status", run.status, "trigger", run.trigger,
                    "error", run.error == null ? "" : run.error, "createdAt", String.valueOf(run.createdAt),
                    "startedAt", String.valueOf(run.startedAt), "finishedAt", String.valueOf(run.finishedAt)));
            List<Map<String, Object>> steps = new ArrayList<>();
            for (TableRunEntity s : TableRunEntity.ofRun(runId)) {
                Map<String, Object> step = new LinkedHashMap<>();
                Object[] values = {s.tableName, s.pass, s.status, s.estimatedRows, s.rowsExtracted, s.rowsWritten,
                        s.rowsFailed, s.rowsDeleted, s.rowsMatched, s.rowsMissing, s.rowsDiffering, s.rowsExtra,
                        s.startedAt == null ? null : s.startedAt.toString(), s.finishedAt == null ? null : s.finishedAt.toString(),
                        seconds(s), s.error};
                for (int i = 0; i < values.length; i++) {
                    step.put(CSV_COLUMNS[i], values[i]);
                }
                steps.add(step);
            }
            log.put("steps", steps);
            log.put("failures", rows("select table_name, pass, row_id, chunk, http_status, code, message, replayed"
                    + " from row_failure where run_id = ?1 order by table_name, pass, row_id", runId,
                    "table", "pass", "row", "chunk", "httpStatus", "code", "message", "replayed"));
            log.put("mismatches", rows("select table_name, kind, row_id, cast(columns as text) from verify_mismatch"
                    + " where run_id = ?1 order by table_name, kind, row_id", runId, "table", "kind", "row", "columns"));
            log.put("events", rows("select cast(at as text), type, table_name, pass, chunk, message from run_event"
                    + " where run_id = ?1 order by id", runId, "at", "type", "table", "pass", "chunk", "message"));
            return Json.encode(log);
        });
    }

    private List<Map<String, Object>> rows(String sql, UUID runId, String... names) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object result : em.createNativeQuery(sql).setParameter(1, runId).getResultList()) {
            Object[] columns = (Object[]) result;
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], columns[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Double seconds(TableRunEntity step) {
        return step.startedAt == null || step.finishedAt == null ? null
                : Duration.between(step.startedAt, step.finishedAt).toMillis() / 1000.0;
    }

    private static String csvValue(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
