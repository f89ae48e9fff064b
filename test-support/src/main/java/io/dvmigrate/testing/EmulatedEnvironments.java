package io.dvmigrate.testing;

import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.emulator.DataverseEmulator;
import io.dvmigrate.emulator.ServiceProtection;
import io.dvmigrate.emulator.environment.Application;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dataverse environments served by an emulator started for a test, and how the pipeline reaches them: environment
 * references and plan snippets whose secret is a {@code file:} reference (the secret itself stays in a file).
 */
public final class EmulatedEnvironments implements AutoCloseable {
    private final DataverseEmulator emulator;
    private final Path secretFile;

    private EmulatedEnvironments(DataverseEmulator emulator, Path secretFile) {
        this.emulator = emulator;
        this.secretFile = secretFile;
    }

    /** Starts an emulator with {@code environments} (name → SPEC) and no service protection. */
    public static EmulatedEnvironments start(Map<String, String> environments) {
        return start(environments, ServiceProtection.off());
    }

    public static EmulatedEnvironments start(Map<String, String> environments, ServiceProtection limits) {
        DataverseEmulator.Builder builder = DataverseEmulator.builder().port(0).httpsPort(0).limits(limits);
        new LinkedHashMap<>(environments).forEach(builder::environment);
        DataverseEmulator emulator = builder.start();
        try {
            Path secret = Files.createTempFile("dvm-local", ".secret");
            Files.writeString(secret, Application.DEFAULT_SECRET);
            secret.toFile().deleteOnExit();
            return new EmulatedEnvironments(emulator, secret);
        } catch (IOException e) {
            emulator.close();
            throw new UncheckedIOException(e);
        }
    }

    public DataverseEmulator emulator() {
        return emulator;
    }

    /** How a service reaches environment {@code name} as the default application user. */
    public EnvironmentRef ref(String name) {
        return new EnvironmentRef(name, emulator.environmentUrl(name), Application.DEFAULT_TENANT,
                Application.DEFAULT_CLIENT_ID, "file:" + secretFile, emulator.authority(),
                emulator.certificateFile().toString(), List.of());
    }

    /** The environment as a plan's {@code source:} or {@code target:} value (flow-style YAML). */
    public String planEnvironment(String name) {
        return "{url: \"" + emulator.environmentUrl(name) + "\", tenant: " + Application.DEFAULT_TENANT
                + ", clientId: " + Application.DEFAULT_CLIENT_ID + ", secret: \"file:" + secretFile
                + "\", authority: \"" + emulator.authority() + "\", trustCertificate: \"" + emulator.certificateFile() + "\"}";
    }

    @Override
    public void close() {
        emulator.close();
    }
}
