package io.dvmigrate.orchestrator.planning;

import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.contracts.plan.Plan;
import io.dvmigrate.contracts.plan.PlanReader;
import io.dvmigrate.dataverse.error.DataverseException;
import io.dvmigrate.orchestrator.environment.EnvironmentResolver;
import io.dvmigrate.service.DataverseConnections;
import io.dvmigrate.service.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads a plan (shape errors throw {@link io.dvmigrate.contracts.plan.InvalidPlanException} with every mistake),
 * resolves its environments and compiles it against their current metadata.
 */
@ApplicationScoped
public class PlanService {
    private final EnvironmentResolver resolver;
    private final DataverseConnections connections;

    public PlanService(EnvironmentResolver resolver, DataverseConnections connections) {
        this.resolver = resolver;
        this.connections = connections;
    }

    /** The plan compiled, or with findings that say why it could not be (unknown environment, credentials...). */
    public Compilation compile(String planYaml) {
        Plan plan = PlanReader.read(planYaml);
        EnvironmentRef source;
        EnvironmentRef target;
        try {
            source = resolver.resolve("source", plan.source());
            target = resolver.resolve("target", plan.target());
        } catch (EnvironmentResolver.UnresolvedEnvironment e) {
            return new Compilation(plan, null, null, failed(plan, e.side(), e.getMessage()),
                    new ErrorInfo(ErrorInfo.Kind.OTHER, 0, null, e.getMessage()));
        }
        try {
            PlanCompiler compiler = new PlanCompiler(new DataverseCatalog(connections.clientFor(source)),
                    new DataverseCatalog(connections.clientFor(target)));
            return new Compilation(plan, source, target, compiler.compile(plan), null);
        } catch (DataverseException e) {
            return new Compilation(plan, source, target, failed(plan, e.environment(), e.getMessage()), Failures.of(e));
        }
    }

    private static CompiledPlan failed(Plan plan, String where, String message) {
        return new CompiledPlan(plan.name(), List.of(Finding.error(where, message)), List.of(), List.of(), List.of(),
                null, List.of());
    }

    /**
     * A plan, where it reads and writes, and what compiling it found.
     *
     * @param problem why an environment could not be used (credentials, reachability), or null
     */
    public record Compilation(Plan plan, EnvironmentRef source, EnvironmentRef target, CompiledPlan compiled,
            ErrorInfo problem) {
    }
}
