package io.dvmigrate.dataverse.it;

import io.dvmigrate.dataverse.config.ConnectionSettings;
import io.dvmigrate.emulator.DataverseEmulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running dataverse-emulator and connection settings for it: the Web API root of an environment, the HTTPS
 * authority (tenant {@code dvm}), the emulator's certificate as trust, and the default application's secret by file
 * reference, as a user would configure it.
 */
public final class Emulator implements AutoCloseable {

    public static final String CLIENT_ID = "dvm-local";
    public static final String SECRET = "dvm-local-secret";

    private final DataverseEmulator emulator;
    private final Path secrets;

    private Emulator(DataverseEmulator emulator) {
        this.emulator = emulator;
        try {
            this.secrets = Files.createTempDirectory("dvm-client-secrets");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Emulator start(DataverseEmulator.Builder builder) {
        return new Emulator(builder.port(0).start());
    }

    public DataverseEmulator emulator() {
        return emulator;
    }

    /** A secret reference to a file holding {@code secret}. */
    public String secretReference(String name, String secret) {
        try {
            Path file = secrets.resolve(name);
            Files.writeString(file, secret + "\n");
            return "file:" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings for an environment over plain HTTP (the authority is HTTPS, as MSAL requires). */
    public ConnectionSettings.Builder settings(String environment) {
        return settings(environment, emulator.webApiUrl(environment));
    }

    /** Settings for an environment with the Web API over HTTPS too. */
    public ConnectionSettings.Builder httpsSettings(String environment) {
        return settings(environment, emulator.httpsEnvironmentUrl(environment));
    }

    private ConnectionSettings.Builder settings(String environment, String serviceRoot) {
        return ConnectionSettings.builder(environment)
                .serviceRoot(serviceRoot)
                .authority(emulator.authority())
                .clientSecret(CLIENT_ID, secretReference(CLIENT_ID, SECRET))
                .trustCertificate(emulator.certificateFile());
    }

    @Override
    public void close() {
        emulator.close();
        try (var files = Files.walk(secrets)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
