package io.dvmigrate.emulator.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.emulator.api.JsonBodies;
import io.dvmigrate.emulator.environment.Application;
import io.dvmigrate.emulator.environment.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * {@code <work-dir>/emulator.json}: how to connect to the running emulator (URLs, authority, certificate,
 * environments and their row counts at the time of writing, applications with the file holding each secret), for
 * tools that start it as a process. Secrets go to {@code <work-dir>/secrets/<clientId>}, readable by the owner only,
 * never into the JSON.
 */
public final class ConnectionFile {
    public static final String NAME = "emulator.json";

    private final Path directory;
    private final Emulation emulation;

    public ConnectionFile(Path directory, Emulation emulation) {
        this.directory = directory;
        this.emulation = emulation;
    }

    public Path path() {
        return directory.resolve(NAME);
    }

    public Path secretFile(String clientId) {
        return directory.resolve("secrets").resolve(clientId);
    }

    public synchronized void write() {
        try {
            Files.createDirectories(directory.resolve("secrets"));
            ObjectNode root = JsonBodies.MAPPER.createObjectNode();
            root.put("baseUrl", emulation.baseUrl());
            root.put("httpsBaseUrl", emulation.httpsBaseUrl());
            root.put("authority", emulation.authority());
            root.put("tenant", Application.DEFAULT_TENANT);
            root.put("certificateFile", emulation.certificate().certificateFile().toString());
            root.put("trustStoreFile", emulation.certificate().trustStoreFile().toString());
            root.put("trustStorePassword", "changeit");
            root.put("admin", emulation.baseUrl() + "_emulator/");
            var applications = root.putArray("applications");
            for (Application application : emulation.applications()) {
                Path secret = secretFile(application.clientId());
                writeSecret(secret, application.secret());
                applications.addObject().put("tenant", application.tenant()).put("clientId", application.clientId())
                        .put("secretFile", secret.toString());
            }
            ObjectNode environments = root.putObject("environments");
            for (Deployment deployment : emulation.deployments()) {
                Environment environment = deployment.environment();
                ObjectNode node = environments.putObject(environment.name());
                node.put("url", emulation.environmentUrl(environment.name()));
                node.put("httpsUrl", emulation.httpsEnvironmentUrl(environment.name()));
                node.put("webApi", emulation.environmentUrl(environment.name()) + "/api/data/v9.2/");
                node.put("spec", environment.spec().text());
                ObjectNode rows = node.putObject("rows");
                for (Map.Entry<String, Long> count : environment.rowCounts().entrySet()) {
                    rows.put(count.getKey(), count.getValue());
                }
            }
            Path temporary = directory.resolve(NAME + ".tmp");
            Files.write(temporary, JsonBodies.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(temporary, path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path(), e);
        }
    }

    private static void writeSecret(Path file, String secret) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        Files.writeString(file, secret);
    }
}
