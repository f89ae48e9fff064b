package io.dvmigrate.service;

import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.config.AppUser;
import io.dvmigrate.dataverse.config.ConnectionSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link DataverseClient} per environment a service talks to, shared by every command and chunk that names it, so
 * that each application user's concurrency limit and token are shared too. Secret references are resolved by the
 * client in this process's environment: secrets never travel with the references.
 */
public final class DataverseConnections implements AutoCloseable {
    private final MeterRegistry registry;
    private final Map<EnvironmentRef, DataverseClient> clients = new ConcurrentHashMap<>();

    public DataverseConnections(MeterRegistry registry) {
        this.registry = registry;
    }

    public DataverseClient clientFor(EnvironmentRef environment) {
        return clients.computeIfAbsent(environment, ref -> DataverseClient.connect(settingsOf(ref), registry));
    }

    /** The client's settings for an environment reference. */
    public static ConnectionSettings settingsOf(EnvironmentRef ref) {
        ConnectionSettings.Builder builder = ConnectionSettings.builder(ref.name())
                .serviceRoot(ref.url())
                .tenant(ref.tenant())
                .clientSecret(ref.clientId(), ref.secretRef());
        if (ref.authority() != null) {
            builder.authority(ref.authority());
        }
        if (ref.trustCertificate() != null) {
            builder.trustCertificate(Path.of(ref.trustCertificate()));
        }
        for (EnvironmentRef.ApplicationUser user : ref.extraUsers()) {
            builder.user(AppUser.withSecret(user.clientId(), user.secretRef()));
        }
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(DataverseClient::close);
        clients.clear();
    }
}
