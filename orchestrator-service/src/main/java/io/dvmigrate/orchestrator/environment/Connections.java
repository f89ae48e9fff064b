package io.dvmigrate.orchestrator.environment;

import io.dvmigrate.service.DataverseConnections;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The orchestrator's Dataverse clients, one per environment, closed at shutdown. */
public class Connections {
    @Produces
    @ApplicationScoped
    DataverseConnections connections(MeterRegistry registry) {
        return new DataverseConnections(registry);
    }

    void close(@Disposes DataverseConnections connections) {
        connections.close();
    }
}
