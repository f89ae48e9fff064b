package io.dvmigrate.orchestrator.rest;

import io.dvmigrate.orchestrator.run.RunConductor;
import io.dvmigrate.orchestrator.run.RunLog;
import io.dvmigrate.orchestrator.run.Replay;
import io.dvmigrate.orchestrator.store.MigrationEntity;
import io.dvmigrate.orchestrator.store.MigrationStatus;
import io.dvmigrate.orchestrator.store.RunEntity;
import io.dvmigrate.orchestrator.store.RunStatus;
import io.dvmigrate.orchestrator.store.TableRunEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs: their progress per table and pass, their log, cancelling and replaying them. */
@Path("/api/runs")
@Tag(name = "Runs", description = "Run history, progress per table and pass, logs, cancel and replay")
public class RunResource {
    private final RunConductor conductor;
    private final RunLog log;
    private final Replay replay;

    public RunResource(RunConductor conductor, RunLog log, Replay replay) {
        this.conductor = conductor;
        this.log = log;
        this.replay = replay;
    }

    /** A run with each table's pass, counts and timings, and the migration's next step. */
    public record RunView(UUID id, String migration, String status, String trigger, String error, String nextStep,
            OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, Double seconds,
            Totals totals, List<StepView> steps) {
    }

    /** Sums over the run. */
    public record Totals(long rowsWritten, long rowsFailed, long rowsDeleted, int tables, long rowsVerified,
            long mismatches) {
    }

    /** One table (or relationship) in one pass. */
    public record StepView(String table, String pass, String status, long estimatedRows, long rowsExtracted,
            long rowsWritten, long rowsFailed, long rowsDeleted, long rowsMatched, long rowsMissing, long rowsDiffering,
            long rowsExtra, Integer chunksExpected, int chunksDone, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, Double seconds, String error) {
    }

    @GET
    @Operation(summary = "Run history, newest first (optionally of one migration)")
    public List<RunView> list(@QueryParam("migration") String migration, @QueryParam("limit") Integer limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<RunEntity> runs;
            if (migration != null) {
                MigrationEntity m = MigrationEntity.byName(migration)
                        .orElseThrow(() -> new NotFoundException("no migration named '" + migration + "'"));
                runs = RunEntity.list("migrationId = ?1 order by createdAt desc", m.id);
            } else {
                runs = RunEntity.list("order by createdAt desc");
            }
            return runs.stream().limit(limit == null ? 50 : limit).map(r -> view(r, false)).toList();
        });
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A run's status, per-table per-pass counts and what to do next")
    public RunView get(@PathParam("id") UUID id) {
        return view(id);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a run", description = "Nothing new starts; chunks already in flight finish.")
    public RunView cancel(@PathParam("id") UUID id) {
        find(id);
        conductor.cancel(id);
        return view(id);
    }

    @POST
    @Path("{id}/replay")
    @Operation(summary = "Replay the run's dead-lettered rows", description = "Once their cause is fixed (a widened"
            + " column, a fixed option set), the rows from the dead-letter topic are written again in dependency"
            + " order, then the run is verified again.")
    public Response replay(@PathParam("id") UUID id) {
        find(id);
        int rows = replay.start(id);
        return Response.accepted(view(id)).header("X-Replayed-Rows", rows).build();
    }

    @GET
    @Path("{id}/log")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Download the run log", description = "format=json (default): counts per table and pass,"
            + " dead-lettered rows, verification mismatches and every event; format=csv: counts per table and pass.")
    public Response log(@PathParam("id") UUID id, @QueryParam("format") String format) {
        find(id);
        if ("csv".equals(format)) {
            return Response.ok(log.csv(id), "text/csv")
                    .header("Content-Disposition", "attachment; filename=run-" + id + ".csv").build();
        }
        return Response.ok(log.json(id), MediaType.APPLICATION_JSON).build();
    }

    private static RunEntity find(UUID id) {
        RunEntity run = QuarkusTransaction.requiringNew().call(() -> RunEntity.<RunEntity>findById(id));
        if (run == null) {
            throw new NotFoundException("no run " + id);
        }
        return run;
    }

    static RunView view(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> view(find(id), true));
    }

    private static RunView view(RunEntity run, boolean withSteps) {
        MigrationEntity migration = MigrationEntity.findById(run.migrationId);
        List<TableRunEntity> steps = TableRunEntity.ofRun(run.id);
        long written = steps.stream().filter(s -> !s.pass.equals("VERIFY") && !s.pass.equals("DELETES"))
                .mapToLong(s -> s.rowsWritten).sum();
        long failed = steps.stream().mapToLong(s -> s.rowsFailed).sum();
        long deleted = steps.stream().mapToLong(s -> s.rowsDeleted).sum();
        long verified = steps.stream().filter(s -> s.pass.equals("VERIFY")).mapToLong(s -> s.rowsMatched
                + s.rowsDiffering + s.rowsMissing).sum();
        long mismatches = steps.stream().filter(s -> s.pass.equals("VERIFY"))
                .mapToLong(s -> s.rowsMissing + s.rowsDiffering).sum();
        int tables = (int) steps.stream().filter(s -> s.pass.equals("DATA")).count();
        RunStatus status = run.runStatus();
        String nextStep = status.isFinal() && migration != null ? MigrationStatus.of(migration.status).nextStep()
                : "follow the run; it can be cancelled";
        return new RunView(run.id, migration == null ? null : migration.name, run.status, run.trigger, run.error,
                nextStep, run.createdAt, run.startedAt, run.finishedAt, seconds(run.startedAt, run.finishedAt),
                new Totals(written, failed, deleted, tables, verified, mismatches),
                withSteps ? steps.stream().map(RunResource::step).toList() : List.of());
    }

    private static StepView step(TableRunEntity s) {
        return new StepView(s.tableName, s.pass, s.status, s.estimatedRows, s.rowsExtracted, s.rowsWritten,
                s.rowsFailed, s.rowsDeleted, s.rowsMatched, s.rowsMissing, s.rowsDiffering, s.rowsExtra,
                s.chunksExpected, s.chunksDone, s.startedAt, s.finishedAt, seconds(s.startedAt, s.finishedAt), s.error);
    }

    private static Double seconds(OffsetDateTime from, OffsetDateTime to) {
        if (from == null) {
            return null;
        }
        return Duration.between(from, to == null ? OffsetDateTime.now() : to).toMillis() / 1000.0;
    }
}
