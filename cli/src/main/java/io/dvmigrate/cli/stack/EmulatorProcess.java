package io.dvmigrate.cli.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.stack.JavaProcess;
import io.dvmigrate.stack.Ports;
import io.dvmigrate.stack.StackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Dataverse emulator in its own JVM (the program {@code dvmigrate emulator} runs), serving the plan's emulated
 * environments. Ready when it has written {@code emulator.json} (how to reach it; secrets stay in files beside it)
 * and its admin API answers.
 */
public final class EmulatorProcess implements AutoCloseable {
    private final JavaProcess process;
    private final EmulatorEndpoint endpoint;

    private EmulatorProcess(JavaProcess process, EmulatorEndpoint endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts the emulator with {@code environments} (name → SPEC), the given limits ({@code --limits}) and heap
     * ({@code -Xmx}, e.g. {@code 3g}).
     */
    public static EmulatorProcess start(Map<String, String> environments, String limits, String heap, Path workDir,
            Path logFile) {
        Path connectionFile = workDir.resolve("emulator.json");
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(connectionFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(Ports.free()), "--https-port",
                Integer.toString(Ports.free()), "--work-dir", workDir.toString(), "--limits", limits == null ? "off" : limits));
        environments.forEach((name, spec) -> args.addAll(List.of("--env", name + "=" + spec)));
        List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx" + heap, "-XX:+UseParallelGC"));
        // e.g. DVM_EMULATOR_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/emulator.jfr" to profile it
        jvm.addAll(JavaProcess.jvmArgsFromEnvironment("DVM_EMULATOR_JAVA_OPTS"));
        JavaProcess process = JavaProcess.builder("emulator")
                .mainClass("io.dvmigrate.emulator.EmulatorMain")
                .jvmArgs(jvm.toArray(String[]::new))
                .args(args)
                .logFile(logFile)
                .start();
        try {
            process.awaitReady(Duration.ofSeconds(180), () -> endpointIn(connectionFile) != null);
            return new EmulatorProcess(process, endpointIn(connectionFile));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** What {@code emulator.json} says, once it is there and the emulator answers; null before. */
    private static EmulatorEndpoint endpointIn(Path connectionFile) {
        if (!Files.exists(connectionFile)) {
            return null;
        }
        try {
            JsonNode json = Json.MAPPER.readTree(connectionFile.toFile());
            EmulatorEndpoint endpoint = new EmulatorEndpoint(json.path("baseUrl").asText(), json.path("authority").asText(),
                    Path.of(json.path("certificateFile").asText()),
                    Path.of(json.path("applications").path(0).path("secretFile").asText()));
            endpoint.admin("environments");
            return endpoint;
        } catch (IOException | StackException e) {
            return null;
        }
    }

    /** How to reach it. */
    public EmulatorEndpoint endpoint() {
        return endpoint;
    }

    public JavaProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
