package io.dvmigrate.orchestrator.rest;

import io.dvmigrate.orchestrator.planning.CompiledPlan;
import io.dvmigrate.orchestrator.planning.Finding;
import io.dvmigrate.orchestrator.planning.PlanService;
import io.dvmigrate.orchestrator.planning.PlanText;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Plan previews for plans not saved as migrations (what `dvmigrate plan FILE` asks). */
@Path("/api/plans")
@Tag(name = "Plans", description = "Preview any plan without saving it")
public class PlanResource {
    private final PlanService plans;

    public PlanResource(PlanService plans) {
        this.plans = plans;
    }

    /** The preview as JSON: what people and scripts look at; {@code detail=jobs} adds every pass's job. */
    public record PlanPreview(String name, boolean ready, List<TableView> tables, List<List<String>> tiers,
            List<RelationshipView> manyToMany, CompiledPlan.UserMapping users, List<CompiledPlan.PassSummary> passes,
            List<Finding> errors, List<Finding> warnings, CompiledPlan compiled) {
    }

    /** One table of the preview: {@code after} must be loaded before it starts, {@code deferred} are patched later. */
    public record TableView(String table, int tier, Set<String> after, List<String> deferred, long estimatedRows,
            String match, boolean deleteMissing, List<String> passes) {
    }

    public record RelationshipView(String name, String table1, String table2, long estimatedRows) {
    }

    @POST
    @Path("preview")
    @Consumes({"application/yaml", "application/x-yaml", MediaType.TEXT_PLAIN})
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Preview a plan", description = "Body: the plan's YAML. Answers the diff, the order, the"
            + " deferred lookups and the passes; 400 with every mistake when the plan's shape is wrong.")
    public Response preview(String planYaml, @QueryParam("format") String format, @QueryParam("detail") String detail) {
        CompiledPlan compiled = plans.compile(planYaml).compiled();
        return "jobs".equals(detail) ? Response.ok(preview(compiled, true)).type(MediaType.APPLICATION_JSON).build()
                : render(compiled, format);
    }

    static Response render(CompiledPlan compiled, String format) {
        if ("text".equals(format)) {
            return Response.ok(PlanText.render(compiled)).type(MediaType.TEXT_PLAIN).build();
        }
        return Response.ok(preview(compiled, false)).build();
    }

    static PlanPreview preview(CompiledPlan plan, boolean withJobs) {
        return new PlanPreview(plan.name(), !plan.hasErrors(),
                plan.tables().stream().map(t -> new TableView(t.table(), t.tier(), t.after(), t.deferred(),
                        t.estimatedRows(), t.match(), t.deleteMissing(),
                        t.work().keySet().stream().map(Enum::name).toList())).toList(),
                plan.tiers(),
                plan.manyToMany().stream().map(r -> new RelationshipView(r.name(), r.table1(), r.table2(),
                        r.estimatedRows())).toList(),
                plan.users(), plan.passes(), plan.errors(), plan.warnings(), withJobs ? plan : null);
    }
}
