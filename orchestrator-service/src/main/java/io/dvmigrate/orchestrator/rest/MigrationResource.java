package io.dvmigrate.orchestrator.rest;

import io.dvmigrate.contracts.plan.Plan;
import io.dvmigrate.contracts.plan.PlanReader;
import io.dvmigrate.orchestrator.planning.PlanService;
import io.dvmigrate.orchestrator.run.RefreshSchedule;
import io.dvmigrate.orchestrator.run.RunService;
import io.dvmigrate.orchestrator.store.MigrationEntity;
import io.dvmigrate.orchestrator.store.MigrationStatus;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Migrations: saved plans with an owner and a status that says what to do next; their previews and runs. */
@Path("/api/migrations")
@Tag(name = "Migrations", description = "Saved plans, their preview, and starting runs")
public class MigrationResource {
    private final PlanService plans;
    private final RunService runs;
    private final RefreshSchedule schedule;

    public MigrationResource(PlanService plans, RunService runs, RefreshSchedule schedule) {
        this.plans = plans;
        this.runs = runs;
        this.schedule = schedule;
    }

    /** A migration as the API writes it: an owner and the plan's YAML (the name comes from the path or the plan). */
    public record MigrationRequest(String name, String owner, String plan) {
    }

    /** A migration as the API shows it. */
    public record MigrationView(String name, String owner, String status, String nextStep, String statusDetail,
            String refresh, UUID lastRun, String plan, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    @GET
    @Operation(summary = "List migrations with their status")
    public List<MigrationView> list() {
        return MigrationEntity.<MigrationEntity>listAll().stream().map(MigrationResource::view).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Read a migration: its plan, status and what to do next")
    public MigrationView get(@PathParam("name") String name) {
        return view(find(name));
    }

    @POST
    @Transactional
    @Operation(summary = "Create a migration from a plan", description = "The plan is checked for shape at once;"
            + " 400 lists every mistake with its path.")
    public Response create(MigrationRequest body) {
        Plan plan = PlanReader.read(required("plan", body.plan()));
        String name = body.name() != null ? body.name() : plan.name();
        if (MigrationEntity.byName(name).isPresent()) {
            throw new ConflictException("a migration named '" + name + "' exists already (PUT replaces it)");
        }
        MigrationEntity migration = save(new MigrationEntity(), name, body, plan);
        return Response.created(URI.create("/api/migrations/" + name)).entity(view(migration)).build();
    }

    @PUT
    @Path("{name}")
    @Transactional
    @Operation(summary = "Create or replace a migration's plan and owner")
    public MigrationView put(@PathParam("name") String name, MigrationRequest body) {
        Plan plan = PlanReader.read(required("plan", body.plan()));
        return view(save(MigrationEntity.byName(name).orElseGet(MigrationEntity::new), name, body, plan));
    }

    @DELETE
    @Path("{name}")
    @Transactional
    @Operation(summary = "Delete a migration and its run history")
    public Response delete(@PathParam("name") String name) {
        MigrationEntity migration = find(name);
        schedule.unschedule(migration.name);
        migration.delete();
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/plan")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Preview the migration's plan", description = "The schema diff, the load order in tiers,"
            + " the deferred lookups and the passes, worked out against both environments; nothing is written."
            + " JSON, or readable text with Accept: text/plain.")
    public Response preview(@PathParam("name") String name, @QueryParam("format") String format) {
        return PlanResource.render(plans.compile(find(name).planYaml).compiled(), format);
    }

    @POST
    @Path("{name}/runs")
    @Operation(summary = "Start a run", description = "Snapshots the plan, compiles it and starts loading; answers"
            + " with the run, which can be followed at /api/runs/{id}.")
    public Response start(@PathParam("name") String name) {
        find(name);
        UUID runId = runs.start(name, "manual");
        return Response.accepted(RunResource.view(runId)).location(URI.create("/api/runs/" + runId)).build();
    }

    private MigrationEntity save(MigrationEntity migration, String name, MigrationRequest body, Plan plan) {
        boolean created = migration.id == null;
        if (created) {
            migration.id = UUID.randomUUID();
            migration.createdAt = OffsetDateTime.now();
            migration.status = MigrationStatus.READY.label();
            migration.statusDetail = "created";
        }
        migration.name = name;
        migration.owner = body.owner() == null || body.owner().isBlank() ? "unknown" : body.owner();
        migration.planYaml = body.plan();
        migration.refreshCron = plan.refreshCron();
        migration.updatedAt = OffsetDateTime.now();
        if (created) {
            migration.persist();
        }
        schedule.apply(migration.name, migration.refreshCron);
        return migration;
    }

    private static MigrationEntity find(String name) {
        return MigrationEntity.byName(name).orElseThrow(() -> new NotFoundException("no migration named '" + name + "'"));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field + ": required");
        }
        return value;
    }

    static MigrationView view(MigrationEntity m) {
        MigrationStatus status = MigrationStatus.of(m.status);
        return new MigrationView(m.name, m.owner, status.label(), status.nextStep(), m.statusDetail,
                m.refreshCron == null ? "manual" : "cron: " + m.refreshCron, m.lastRunId, m.planYaml, m.createdAt,
                m.updatedAt);
    }
}
