package io.dvmigrate.orchestrator.run;

import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.orchestrator.planning.Finding;
import io.dvmigrate.orchestrator.planning.PlanService;
import io.dvmigrate.orchestrator.store.MigrationEntity;
import io.dvmigrate.orchestrator.store.MigrationStatus;
import io.dvmigrate.orchestrator.store.RunEntity;
import io.dvmigrate.orchestrator.store.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Starts runs: snapshots the migration's plan, compiles it against both environments (outside any transaction: it
 * reads metadata over HTTP), then hands the compiled plan to the {@link RunConductor}. A plan that does not compile
 * ends the run as Failed with every error, and the migration's status says what to do.
 */
@ApplicationScoped
public class RunService {
    private final PlanService plans;
    private final RunConductor conductor;
    private final RunJournal journal;

    public RunService(PlanService plans, RunConductor conductor, RunJournal journal) {
        this.plans = plans;
        this.conductor = conductor;
        this.journal = journal;
    }

    public UUID start(String migrationName, String trigger) {
        UUID runId = QuarkusTransaction.requiringNew().call(() -> {
            MigrationEntity migration = MigrationEntity.byName(migrationName)
                    .orElseThrow(() -> new NotFoundException("no migration named '" + migrationName + "'"));
            RunEntity run = new RunEntity();
            run.id = UUID.randomUUID();
            run.migrationId = migration.id;
            run.status = RunStatus.PLANNING.label();
            run.trigger = trigger;
            run.planYaml = migration.planYaml;
            run.createdAt = OffsetDateTime.now();
            run.persist();
            migration.lastRunId = run.id;
            migration.status = MigrationStatus.RUNNING.label();
            migration.statusDetail = "run " + run.id + " is planning";
            migration.updatedAt = OffsetDateTime.now();
            journal.note(run.id, "run.created", "run created (" + trigger + ")");
            return run.id;
        });
        RunEntity snapshot = QuarkusTransaction.requiringNew().call(() -> RunEntity.findWithPlan(runId));
        PlanService.Compilation compilation = plans.compile(snapshot.planYaml);
        if (compilation.compiled().hasErrors()) {
            QuarkusTransaction.requiringNew().run(() -> refuse(runId, compilation));
            return runId;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            RunEntity run = RunEntity.findById(runId);
            run.source = Json.MAPPER.valueToTree(compilation.source());
            run.target = Json.MAPPER.valueToTree(compilation.target());
        });
        conductor.launch(runId, compilation.compiled());
        return runId;
    }

    private void refuse(UUID runId, PlanService.Compilation compilation) {
        RunEntity run = RunEntity.findById(runId);
        String errors = compilation.compiled().errors().stream().map(Finding::toString).collect(Collectors.joining("; "));
        run.status = RunStatus.FAILED.label();
        run.error = errors;
        run.finishedAt = OffsetDateTime.now();
        journal.note(runId, "run.finished", "Failed before starting: " + errors);
        MigrationEntity migration = MigrationEntity.findById(run.migrationId);
        ErrorInfo problem = compilation.problem();
        MigrationStatus status = problem == null ? MigrationStatus.PLAN_HAS_ERRORS : switch (problem.kind()) {
            case CREDENTIALS -> MigrationStatus.CREDENTIALS_REQUIRED;
            case UNREACHABLE -> MigrationStatus.ENVIRONMENT_UNREACHABLE;
            default -> MigrationStatus.FAILED;
        };
        migration.status = status.label();
        migration.statusDetail = errors;
        migration.updatedAt = OffsetDateTime.now();
    }
}
