package io.dvmigrate.cli.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.Home;
import io.dvmigrate.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code .dvmigrate/stack.json}: how to reach the stack {@code dvmigrate up} keeps running, and the pid of the
 * process that owns it ({@code dvmigrate down} stops that process, which stops everything it started).
 */
public record StackFile(long pid, String orchestrator, String kafka, String database, EmulatorEndpoint emulator,
        Map<String, String> services, String logs) {

    public static Path path() {
        return Home.workDir().resolve("stack.json");
    }

    /** The running stack, if there is one (a file left by a stack that died is ignored). */
    public static Optional<StackFile> running() {
        Path file = path();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = Json.MAPPER.readTree(file.toFile());
            long pid = json.path("pid").asLong();
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(Json.MAPPER.treeToValue(json, StackFile.class));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static StackFile of(LocalStack stack) {
        Map<String, String> services = new LinkedHashMap<>();
        stack.services().forEach((name, service) -> services.put(name, service.url()));
        return new StackFile(ProcessHandle.current().pid(), stack.orchestratorUrl(), stack.kafkaBootstrap(),
                stack.databaseUrl(), stack.emulator() == null ? null : stack.emulator().endpoint(), services,
                stack.logs().toString());
    }

    public void write() {
        try {
            Files.createDirectories(path().getParent());
            Files.write(path(), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete() {
        try {
            Files.deleteIfExists(path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
