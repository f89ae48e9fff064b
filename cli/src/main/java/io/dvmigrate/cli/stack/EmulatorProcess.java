package io.dvmigrate.cli.stack;

import io.dvmigrate.stack.JavaProcess;
import io.dvmigrate.stack.Ports;
import io.dvmigrate.stack.StackException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dataverse emulator in its own JVM (the same one {@code dvmigrate emulator} runs), serving the plan's emulated
 * environments. It knows how services reach them: the default application's secret goes to a file readable only by
 * this user, and environments are referenced with {@code file:} secrets.
 */
public final class EmulatorProcess implements AutoCloseable {
    private static final String SECRET = "dvm-local-secret";
    private static final Pattern CERTIFICATE = Pattern.compile("certificate: (\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final JavaProcess process;
    private final int port;
    private final int httpsPort;
    private final Path certificate;
    private final Path secretFile;

    private EmulatorProcess(JavaProcess process, int port, int httpsPort, Path certificate, Path secretFile) {
        this.process = process;
        this.port = port;
        this.httpsPort = httpsPort;
        this.certificate = certificate;
        this.secretFile = secretFile;
    }

    /** Starts the emulator with {@code environments} (name → SPEC) and the given limits ({@code --limits}). */
    public static EmulatorProcess start(Map<String, String> environments, String limits, Path workDir, Path logFile) {
        int port = Ports.free();
        int httpsPort = Ports.free();
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--https-port",
                Integer.toString(httpsPort), "--work-dir", workDir.toString(), "--limits", limits == null ? "off" : limits));
        environments.forEach((name, spec) -> args.addAll(List.of("--env", name + "=" + spec)));
        JavaProcess process = JavaProcess.builder("emulator")
                .mainClass("io.dvmigrate.emulator.EmulatorMain")
                .jvmArgs("-Xms256m", "-Xmx3g", "-XX:+UseParallelGC")
                .args(args)
                .logFile(logFile)
                .start();
        try {
            process.awaitReady(Duration.ofSeconds(180), () -> answers(port) && certificateIn(logFile) != null);
            return new EmulatorProcess(process, port, httpsPort, certificateIn(logFile), writeSecret(workDir));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private static boolean answers(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_emulator/environments"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static Path certificateIn(Path log) {
        try {
            Matcher matcher = CERTIFICATE.matcher(Files.readString(log, StandardCharsets.UTF_8));
            return matcher.find() ? Path.of(matcher.group(1)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Path writeSecret(Path workDir) {
        try {
            Path dir = Files.createDirectories(workDir.resolve("secrets"));
            Path file = dir.resolve(EmulatorEndpoint.CLIENT_ID);
            Files.writeString(file, SECRET);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new StackException("cannot write the emulator's secret file under " + workDir + ": " + e.getMessage(), e);
        }
    }

    /** How to reach it. */
    public EmulatorEndpoint endpoint() {
        return new EmulatorEndpoint("http://localhost:" + port + "/", "https://localhost:" + httpsPort + "/"
                + EmulatorEndpoint.TENANT + "/", certificate, secretFile);
    }

    public JavaProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
