package io.dvmigrate.orchestrator.run;

import io.dvmigrate.orchestrator.store.RunEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;

/**
 * On start, carries on with the runs that were going when the orchestrator stopped: their state is in the
 * database, their events wait on the topic, and anything that became ready meanwhile is released.
 */
@ApplicationScoped
public class RunRecovery {
    private final RunConductor conductor;

    public RunRecovery(RunConductor conductor) {
        this.conductor = conductor;
    }

    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 100) StartupEvent event) {
        List<UUID> active = QuarkusTransaction.requiringNew().call(() -> RunEntity.active().stream()
                .filter(r -> r.compiledPlan != null).map(r -> r.id).toList());
        active.forEach(conductor::resume);
    }
}
