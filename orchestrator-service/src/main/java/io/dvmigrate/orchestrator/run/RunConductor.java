package io.dvmigrate.orchestrator.run;

import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.contracts.ExtractCommand;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.contracts.plan.PlanReader;
import io.dvmigrate.orchestrator.config.OrchestratorConfig;
import io.dvmigrate.orchestrator.planning.CompiledPlan;
import io.dvmigrate.orchestrator.planning.CompiledPlan.PlannedRelationship;
import io.dvmigrate.orchestrator.planning.CompiledPlan.PlannedTable;
import io.dvmigrate.orchestrator.planning.CompiledPlan.Work;
import io.dvmigrate.orchestrator.store.MigrationEntity;
import io.dvmigrate.orchestrator.store.MigrationStatus;
import io.dvmigrate.orchestrator.store.RunEntity;
import io.dvmigrate.orchestrator.store.RunStatus;
import io.dvmigrate.orchestrator.store.TableRunEntity;
import io.dvmigrate.orchestrator.store.TableRunEntity.Status;
import io.dvmigrate.service.Sending;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Drives runs: lays a compiled plan out as one step per table and pass, publishes an extract command for each step
 * as soon as its prerequisites are loaded, and moves steps and the run forward as run events arrive. All state is in
 * PostgreSQL and every change happens under a lock on the run's row, so events, REST calls and a restart never race;
 * a command is on the broker before its step is marked started, so a crash in between only repeats an idempotent
 * extraction.
 */
@ApplicationScoped
public class RunConductor {
    private final Emitter<byte[]> commands;
    private final Ledger ledger;
    private final RunJournal journal;
    private final OrchestratorConfig config;
    private final Map<UUID, CompiledPlan> plans = new ConcurrentHashMap<>();

    public RunConductor(@Channel("extract-commands") Emitter<byte[]> commands, Ledger ledger, RunJournal journal,
            OrchestratorConfig config) {
        this.commands = commands;
        this.ledger = ledger;
        this.journal = journal;
        this.config = config;
    }

    /** Stores the run's compiled plan, lays out its steps and releases the first ones. */
    @Transactional
    public void launch(UUID runId, CompiledPlan plan) {
        RunEntity run = lock(runId);
        run.compiledPlan = Json.MAPPER.valueToTree(plan);
        run.status = RunStatus.RUNNING.label();
        run.startedAt = OffsetDateTime.now();
        plans.put(runId, plan);
        for (PlannedTable table : plan.tables()) {
            for (Pass pass : table.work().keySet()) {
                step(runId, table.table(), pass, pass == Pass.DATA || pass == Pass.VERIFY ? table.estimatedRows() : 0);
            }
        }
        for (PlannedRelationship relationship : plan.manyToMany()) {
            step(runId, relationship.name(), Pass.MANY_TO_MANY, relationship.estimatedRows());
        }
        journal.note(runId, "run.started", "started: " + plan.tables().size() + " tables in " + plan.tiers().size()
                + " tiers, " + plan.manyToMany().size() + " many-to-many relationships");
        release(run);
    }

    /** Applies a run event; a repeated one changes nothing. */
    @Transactional
    public void handle(RunEvent event) {
        RunEntity run = RunEntity.findById(event.run(), LockModeType.PESSIMISTIC_WRITE);
        if (run == null) {
            return; // another deployment's run on a shared topic
        }
        TableRunEntity step = TableRunEntity.of(run.id, event.table(), event.pass().name()).orElse(null);
        if (step == null) {
            return;
        }
        String statusBefore = step.status;
        switch (event) {
            case RunEvent.ExtractStarted started -> {
                if (started.estimatedRows() > 0) {
                    step.estimatedRows = started.estimatedRows();
                }
            }
            case RunEvent.ExtractCompleted completed -> {
                step.chunksExpected = completed.chunks();
                step.rowsExtracted = completed.rows();
                if (completed.chunks() > 0 && step.state() == Status.Extracting) {
                    step.status = Status.Loading.name();
                }
            }
            case RunEvent.ExtractFailed failed -> fail(run, step, failed.error());
            case RunEvent.ChunkFailed failed -> {
                if (!run.runStatus().isFinal()) {
                    fail(run, step, failed.error());
                }
            }
            case RunEvent.ChunkLoaded loaded -> {
                if (ledger.record(run.id, step.tableName, event.pass(), loaded.chunk(), loaded.rows(), loaded.written(),
                        loaded.failed())) {
                    step.chunksDone++;
                    step.rowsWritten += loaded.written();
                    step.rowsFailed += loaded.failed();
                    if (event.pass() == Pass.DELETES) {
                        step.rowsDeleted += loaded.written();
                    }
                    ledger.recordFailures(run.id, step.tableName, event.pass(), loaded.chunk(), loaded.failures());
                    if (step.state() == Status.Extracting) {
                        step.status = Status.Loading.name();
                    }
                    // the target refused the application itself: every other chunk would fail the same way
                    loaded.failures().stream().map(RunEvent.RowFailure::error)
                            .filter(e -> e.kind() == ErrorInfo.Kind.CREDENTIALS).findFirst()
                            .filter(e -> !run.runStatus().isFinal())
                            .ifPresent(e -> fail(run, step, e));
                }
            }
            case RunEvent.ChunkVerified verified -> {
                if (ledger.record(run.id, step.tableName, event.pass(), verified.chunk(), verified.rows(),
                        verified.matched(), verified.rows() - verified.matched())) {
                    step.chunksDone++;
                    step.rowsMatched += verified.matched();
                    step.rowsMissing += verified.missing().size();
                    step.rowsDiffering += verified.differing().size();
                    step.rowsExtra += verified.extra().size();
                    ledger.recordMismatches(run.id, step.tableName, "MISSING", verified.missing());
                    ledger.recordMismatches(run.id, step.tableName, "EXTRA", verified.extra());
                    ledger.recordDifferences(run.id, step.tableName, verified.differing());
                }
            }
        }
        completeIfAllChunksIn(run, step);
        // what may start next changes only when a step changes state, not with every chunk of a large table
        if (!run.runStatus().isFinal() && !step.status.equals(statusBefore)) {
            release(run);
        }
    }

    /** Stops releasing steps; what is in flight finishes and is still recorded. */
    @Transactional
    public boolean cancel(UUID runId) {
        RunEntity run = lock(runId);
        if (run == null || run.runStatus().isFinal()) {
            return false;
        }
        skipWaiting(run);
        finish(run, RunStatus.CANCELLED, "cancelled by request");
        return true;
    }

    /** After a restart: releases whatever became ready while the orchestrator was down. */
    @Transactional
    public void resume(UUID runId) {
        RunEntity run = lock(runId);
        if (run != null && run.runStatus() == RunStatus.RUNNING || run != null && run.runStatus() == RunStatus.VERIFYING) {
            journal.note(runId, "run.resumed", "orchestrator restarted: carrying on");
            release(run);
        }
    }

    /** Puts the verify steps back to waiting (a replay is about to change the target). */
    public void resetVerification(RunEntity run) {
        ledger.clearVerification(run.id);
        for (TableRunEntity step : TableRunEntity.<TableRunEntity>list("runId = ?1 and pass = ?2", run.id,
                Pass.VERIFY.name())) {
            step.status = Status.Waiting.name();
            step.chunksExpected = null;
            step.chunksDone = 0;
            step.rowsExtracted = 0;
            step.rowsMatched = 0;
            step.rowsMissing = 0;
            step.rowsDiffering = 0;
            step.rowsExtra = 0;
            step.startedAt = null;
            step.finishedAt = null;
        }
        MigrationEntity migration = MigrationEntity.findById(run.migrationId);
        if (migration != null && run.id.equals(migration.lastRunId)) {
            migration.status = MigrationStatus.RUNNING.label();
            migration.statusDetail = "run " + run.id + " is replaying dead-lettered rows";
        }
    }

    /** After a replay's last phase is loaded: the verify steps are released again. */
    @Transactional
    public void verifyAgain(UUID runId) {
        RunEntity run = lock(runId);
        journal.note(runId, "replay.loaded", "replayed rows are loaded: verifying again");
        release(run);
    }

    /** The compiled plan of a run, read once from the database. */
    public CompiledPlan planOf(RunEntity run) {
        return plans.computeIfAbsent(run.id, id -> {
            try {
                return Json.MAPPER.treeToValue(run.compiledPlan, CompiledPlan.class);
            } catch (IOException e) {
                throw new UncheckedIOException("run " + id + " has an unreadable compiled plan", e);
            }
        });
    }

    // ---- internals (all under the run's lock)

    private RunEntity lock(UUID runId) {
        return RunEntity.findById(runId, LockModeType.PESSIMISTIC_WRITE);
    }

    private void step(UUID runId, String table, Pass pass, long estimatedRows) {
        TableRunEntity step = new TableRunEntity();
        step.runId = runId;
        step.tableName = table;
        step.pass = pass.name();
        step.status = Status.Waiting.name();
        step.estimatedRows = estimatedRows;
        step.persist();
    }

    private void release(RunEntity run) {
        CompiledPlan plan = planOf(run);
        List<TableRunEntity> steps = TableRunEntity.ofRun(run.id);
        Map<String, TableRunEntity> byKey = steps.stream().collect(Collectors.toMap(
                s -> ReleaseRules.key(s.tableName, Pass.valueOf(s.pass)), s -> s));
        ReleaseRules rules = new ReleaseRules(plan);
        List<ReleaseRules.Step> state = steps.stream()
                .map(s -> new ReleaseRules.Step(s.tableName, Pass.valueOf(s.pass), s.state() == Status.Waiting,
                        s.state() == Status.Loaded)).toList();
        int chunkRows = PlanReader.read(run.planYaml).write().chunkSize();
        EnvironmentRef source = Json.MAPPER.convertValue(run.source, EnvironmentRef.class);
        EnvironmentRef target = Json.MAPPER.convertValue(run.target, EnvironmentRef.class);
        Map<String, byte[]> commandsByKey = new LinkedHashMap<>();
        List<TableRunEntity> started = new ArrayList<>();
        for (ReleaseRules.Step ready : rules.ready(state)) {
            Work work = rules.isRelationship(ready.table())
                    ? plan.manyToMany().stream().filter(r -> r.name().equals(ready.table())).findFirst().orElseThrow().work()
                    : plan.table(ready.table()).work().get(ready.pass());
            ExtractCommand command = new ExtractCommand(run.id, ready.table(), ready.pass(), source, target,
                    work.query(), work.targetQuery(), work.job(), chunkRows, config.chunks().bytes());
            commandsByKey.put(command.chunk(0).key(), Json.encode(command));
            started.add(byKey.get(ReleaseRules.key(ready.table(), ready.pass())));
        }
        // sent together and acknowledged together (a tier's steps start at once), before the steps are marked started
        Sending.sendAllAndAwait(commands, commandsByKey);
        for (TableRunEntity step : started) {
            step.status = Status.Extracting.name();
            step.startedAt = OffsetDateTime.now();
            journal.note(run.id, "step.started", step.tableName, Pass.valueOf(step.pass), null,
                    step.tableName + " " + step.pass + " started");
        }
        if (run.runStatus() == RunStatus.RUNNING && steps.stream()
                .filter(s -> !s.pass.equals(Pass.VERIFY.name())).allMatch(TableRunEntity::isDone)) {
            run.status = RunStatus.VERIFYING.label();
        }
        finishIfDone(run, steps, plan);
    }

    private void completeIfAllChunksIn(RunEntity run, TableRunEntity step) {
        if (step.isDone() || step.chunksExpected == null || step.chunksDone < step.chunksExpected) {
            return;
        }
        step.status = Status.Loaded.name();
        step.finishedAt = OffsetDateTime.now();
        String counts = step.pass.equals(Pass.VERIFY.name())
                ? step.rowsMatched + " matched, " + step.rowsMissing + " missing, " + step.rowsDiffering + " differing, "
                        + step.rowsExtra + " extra"
                : step.rowsWritten + " written, " + step.rowsFailed + " failed";
        journal.note(run.id, "step.loaded", step.tableName, Pass.valueOf(step.pass), null,
                step.tableName + " " + step.pass + " done: " + step.rowsExtracted + " rows read, " + counts);
    }

    private void finishIfDone(RunEntity run, List<TableRunEntity> steps, CompiledPlan plan) {
        if (run.runStatus().isFinal() || !steps.stream().allMatch(TableRunEntity::isDone)) {
            return;
        }
        Set<String> deleting = plan.tables().stream().filter(PlannedTable::deleteMissing).map(PlannedTable::table)
                .collect(Collectors.toSet());
        long unexplained = ledger.unexplainedMismatches(run.id, deleting);
        long deadLettered = ledger.openFailures(run.id);
        if (unexplained > 0) {
            finish(run, RunStatus.FAILED, "verification found " + unexplained + " mismatches that no dead-lettered row explains");
        } else if (deadLettered > 0) {
            finish(run, RunStatus.SUCCEEDED_WITH_ERRORS, deadLettered + " rows are in the dead-letter topic; the"
                    + " target matches the source otherwise");
        } else {
            finish(run, RunStatus.SUCCEEDED, "verified: the target matches the source");
        }
    }

    private void fail(RunEntity run, TableRunEntity step, ErrorInfo error) {
        step.status = Status.Failed.name();
        step.error = error.message();
        step.finishedAt = OffsetDateTime.now();
        skipWaiting(run);
        finish(run, RunStatus.FAILED, step.tableName + " " + step.pass + ": " + error.message());
        MigrationEntity migration = MigrationEntity.findById(run.migrationId);
        if (migration != null) {
            MigrationStatus status = switch (error.kind()) {
                case CREDENTIALS -> MigrationStatus.CREDENTIALS_REQUIRED;
                case UNREACHABLE -> MigrationStatus.ENVIRONMENT_UNREACHABLE;
                default -> MigrationStatus.FAILED;
            };
            migration.status = status.label();
            migration.statusDetail = error.message();
        }
    }

    private void skipWaiting(RunEntity run) {
        for (TableRunEntity waiting : TableRunEntity.<TableRunEntity>list("runId = ?1 and status = ?2", run.id,
                Status.Waiting.name())) {
            waiting.status = Status.Skipped.name();
        }
    }

    private void finish(RunEntity run, RunStatus status, String detail) {
        run.status = status.label();
        run.finishedAt = OffsetDateTime.now();
        if (status != RunStatus.SUCCEEDED) {
            run.error = detail;
        }
        journal.note(run.id, "run.finished", status.label() + ": " + detail);
        MigrationEntity migration = MigrationEntity.findById(run.migrationId);
        if (migration != null && run.id.equals(migration.lastRunId)) {
            migration.status = switch (status) {
                case SUCCEEDED -> MigrationStatus.SUCCEEDED.label();
                case SUCCEEDED_WITH_ERRORS -> MigrationStatus.SUCCEEDED_WITH_ERRORS.label();
                case CANCELLED -> MigrationStatus.CANCELLED.label();
                default -> MigrationStatus.FAILED.label();
            };
            migration.statusDetail = detail;
            migration.updatedAt = OffsetDateTime.now();
        }
    }
}
