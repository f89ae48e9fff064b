package io.dvmigrate.emulator;

import io.dvmigrate.emulator.environment.Application;
import io.dvmigrate.emulator.environment.EnvironmentSpec;
import io.dvmigrate.emulator.protection.UserStats;
import io.dvmigrate.emulator.server.Emulation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The admin operations of {@code /_emulator/}, for code that embeds the emulator. */
public final class EmulatorAdmin {
    private final Emulation emulation;

    EmulatorAdmin(Emulation emulation) {
        this.emulation = emulation;
    }

    /** Row counts by environment, then table. */
    public Map<String, Map<String, Long>> rowCounts() {
        return emulation.rowCounts();
    }

    /** Adds an environment while running, e.g. {@code addEnvironment("scratch", "demo-schema")}. */
    public void addEnvironment(String name, String spec) {
        emulation.addEnvironment(name, EnvironmentSpec.parse(spec));
    }

    /** Rebuilds an environment from its spec, dropping all changes. */
    public void reset(String environment) {
        emulation.reset(environment);
    }

    public void removeEnvironment(String environment) {
        emulation.removeEnvironment(environment);
    }

    public ServiceProtection limits() {
        return emulation.gate().limits();
    }

    /** Replaces limits and faults; windows start afresh. */
    public void limits(ServiceProtection limits) {
        emulation.gate().limits(limits);
    }

    /** Stats of every (environment, application user) that sent requests. */
    public List<UserStats> stats() {
        return emulation.gate().stats();
    }

    public List<UserStats> stats(String environment) {
        return stats().stream().filter(s -> s.environment().equals(environment)).toList();
    }

    public Optional<UserStats> stats(String environment, String clientId) {
        return stats().stream().filter(s -> s.environment().equals(environment) && s.clientId().equals(clientId))
                .findFirst();
    }

    public void resetStats() {
        emulation.gate().resetStats();
    }

    /** Registers an application (tenant {@code dvm}) and its application user in every environment. */
    public void addApplication(String clientId, String secret) {
        emulation.addApplication(new Application(Application.DEFAULT_TENANT, clientId, secret));
    }

    public void addApplication(Application application) {
        emulation.addApplication(application);
    }

    /** A new signing key: every token issued before fails its signature check. */
    public void rotateSigningKey() {
        emulation.issuer().rotate();
    }

    public void tokenLifetime(Duration lifetime) {
        emulation.issuer().lifetime(lifetime);
    }

    /** Changes a text column's MaxLength (to replay dead-lettered rows that were too long). */
    public void setMaxLength(String environment, String table, String column, int maxLength) {
        emulation.widen(environment, table, column, maxLength);
    }

    /** Marks a table as supporting CreateMultiple/UpdateMultiple/UpsertMultiple, or not. */
    public void setBulkOperations(String environment, String table, boolean supported) {
        emulation.bulkOperations(environment, table, supported);
    }
}
