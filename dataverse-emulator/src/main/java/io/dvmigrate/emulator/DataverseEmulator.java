package io.dvmigrate.emulator;

import io.dvmigrate.emulator.auth.SelfSignedCertificate;
import io.dvmigrate.emulator.environment.Application;
import io.dvmigrate.emulator.environment.EnvironmentSpec;
import io.dvmigrate.emulator.server.ConnectionFile;
import io.dvmigrate.emulator.server.Emulation;
import io.dvmigrate.emulator.server.HttpFrontend;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A local Dataverse: several environments served over HTTP and HTTPS at {@code /<env>/api/data/v9.2/}, an Entra-like
 * token issuer at {@code /<tenant>/oauth2/v2.0/token}, the service-protection model, and an admin API at
 * {@code /_emulator/}. Embed it in tests and benchmarks, or run it with {@link EmulatorMain}.
 * <pre>{@code
 * try (DataverseEmulator emulator = DataverseEmulator.builder().port(0)
 *         .environment("source", "demo").environment("target", "demo-schema").start()) {
 *     String api = emulator.environmentUrl("source") + "/api/data/v9.2/";
 * }
 * }</pre>
 */
public final class DataverseEmulator implements AutoCloseable {
    private final Vertx vertx;
    private final HttpFrontend frontend;
    private final Emulation emulation;
    private final ConnectionFile connectionFile;
    private final Path workDirectory;
    private final boolean temporaryWorkDirectory;

    private DataverseEmulator(Vertx vertx, HttpFrontend frontend, Emulation emulation, Path workDirectory,
                              boolean temporaryWorkDirectory) {
        this.vertx = vertx;
        this.frontend = frontend;
        this.emulation = emulation;
        this.connectionFile = new ConnectionFile(workDirectory, emulation);
        connectionFile.write();
        emulation.onChange(connectionFile::write);
        this.workDirectory = workDirectory;
        this.temporaryWorkDirectory = temporaryWorkDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://HOST:PORT/} (HOST is localhost unless {@link Builder#hostName} says otherwise) */
    public String baseUrl() {
        return emulation.baseUrl();
    }

    /** {@code https://HOST:PORT2/} */
    public String httpsBaseUrl() {
        return emulation.httpsBaseUrl();
    }

    public int port() {
        return emulation.port();
    }

    public int httpsPort() {
        return emulation.httpsPort();
    }

    /** {@code http://HOST:PORT/NAME}: the environment URL (token scope {@code <url>/.default}); the Web API is below it. */
    public String environmentUrl(String name) {
        emulation.require(name);
        return emulation.environmentUrl(name);
    }

    /** {@code https://HOST:PORT2/NAME} */
    public String httpsEnvironmentUrl(String name) {
        emulation.require(name);
        return emulation.httpsEnvironmentUrl(name);
    }

    /** {@code http://HOST:PORT/NAME/api/data/v9.2/} */
    public String webApiUrl(String name) {
        return environmentUrl(name) + "/api/data/v9.2/";
    }

    /** {@code https://HOST:PORT2/dvm/}: the authority of the default tenant, for MSAL. */
    public String authority() {
        return emulation.authority();
    }

    /** The authority of another tenant. */
    public String authority(String tenant) {
        return emulation.httpsBaseUrl() + tenant + "/";
    }

    /** The PEM file of the self-signed certificate the HTTPS server presents (localhost, 127.0.0.1 and HOST). */
    public Path certificateFile() {
        return emulation.certificate().certificateFile();
    }

    /** A PKCS12 trust store holding that certificate (password {@code changeit}). */
    public Path trustStoreFile() {
        return emulation.certificate().trustStoreFile();
    }

    /** {@code <work-dir>/emulator.json}: URLs, authority, certificate, environments and applications (secrets by file). */
    public Path connectionFile() {
        return connectionFile.path();
    }

    /** The file holding an application's secret ({@code <work-dir>/secrets/<clientId>}, owner-readable only). */
    public Path secretFile(String clientId) {
        emulation.application(clientId).orElseThrow(() -> new IllegalArgumentException("no application '" + clientId + "'"));
        return connectionFile.secretFile(clientId);
    }

    public Set<String> environmentNames() {
        Set<String> names = new java.util.LinkedHashSet<>();
        emulation.deployments().forEach(d -> names.add(d.environment().name()));
        return names;
    }

    /** Rows per table of an environment. */
    public Map<String, Long> rowCounts(String environment) {
        return emulation.require(environment).environment().rowCounts();
    }

    /** What {@code /_emulator/} offers, from Java. */
    public EmulatorAdmin admin() {
        return new EmulatorAdmin(emulation);
    }

    @Override
    public void close() {
        try {
            frontend.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing anyway: the servers die with Vert.x below.
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Nothing left to release.
        }
        if (temporaryWorkDirectory) {
            deleteQuietly(workDirectory);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    public static final class Builder {
        /** Labels of letters, digits and inner hyphens, at least one letter (an IP address would need another SAN type). */
        private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
        private static final Pattern HOST_NAME = Pattern.compile("(?=.*[A-Za-z])" + LABEL + "(\\." + LABEL + ")*");

        private int port;
        private Integer httpsPort;
        private final Map<String, EnvironmentSpec> environments = new LinkedHashMap<>();
        private ServiceProtection limits = ServiceProtection.off();
        private Path workDirectory;
        private final List<Application> applications = new ArrayList<>(List.of(Application.defaultApplication()));
        private Duration tokenLifetime = Duration.ofSeconds(3599);
        private String hostName = "localhost";

        private Builder() {
        }

        /** The HTTP port; 0 (the default) picks a free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The HTTPS port; by default PORT+1 when the port is fixed, a free one when it is 0. */
        public Builder httpsPort(int value) {
            this.httpsPort = value;
            return this;
        }

        /**
         * The host name clients reach the emulator by (default localhost): its URLs, the authority and the token
         * audiences use it and the certificate names it, so that other containers can call it as, say,
         * {@code http://emulator:8090/source}. Tokens for localhost and 127.0.0.1 stay valid too.
         */
        public Builder hostName(String value) {
            if (value == null || !HOST_NAME.matcher(value).matches()) {
                throw new IllegalArgumentException("the host name must be a DNS name such as 'emulator' or"
                        + " 'dataverse.example', got '" + value + "'");
            }
            this.hostName = value;
            return this;
        }

        /** Adds an environment: {@code demo}, {@code demo:N}, {@code demo-schema}, {@code generated:N}, {@code cmt:PATH}, … */
        public Builder environment(String name, String spec) {
            environments.put(name, EnvironmentSpec.parse(spec));
            return this;
        }

        public Builder limits(ServiceProtection value) {
            this.limits = value;
            return this;
        }

        /** Where the certificate goes; a temporary directory (deleted on close) by default. */
        public Builder workDir(Path value) {
            this.workDirectory = value;
            return this;
        }

        /** Registers another application (tenant {@code dvm}); it becomes an application user in every environment. */
        public Builder application(String clientId, String secret) {
            return application(new Application(Application.DEFAULT_TENANT, clientId, secret));
        }

        public Builder application(Application application) {
            applications.removeIf(a -> a.clientId().equals(application.clientId()));
            applications.add(application);
            return this;
        }

        /** How long issued tokens last (default 3599 s; short lifetimes let tests prove refresh). */
        public Builder tokenLifetime(Duration value) {
            this.tokenLifetime = value;
            return this;
        }

        public DataverseEmulator start() {
            boolean temporary = workDirectory == null;
            Path directory;
            try {
                directory = temporary ? Files.createTempDirectory("dataverse-emulator") : workDirectory;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a work directory", e);
            }
            SelfSignedCertificate certificate = SelfSignedCertificate.in(directory, hostName);
            Emulation emulation = new Emulation(limits, tokenLifetime, certificate, hostName);
            applications.forEach(emulation::addApplication);
            environments.forEach(emulation::addEnvironment);
            int cores = Runtime.getRuntime().availableProcessors();
            Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(Math.max(8, cores * 4))
                    .setEventLoopPoolSize(Math.max(2, cores)));
            HttpFrontend frontend = new HttpFrontend(vertx, emulation);
            int https = httpsPort != null ? httpsPort : port == 0 ? 0 : port + 1;
            try {
                frontend.start(port, https).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                vertx.close();
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalStateException("cannot start the emulator on port " + port + "/" + https + ": "
                        + cause.getMessage(), cause);
            }
            return new DataverseEmulator(vertx, frontend, emulation, directory, temporary);
        }
    }
}
