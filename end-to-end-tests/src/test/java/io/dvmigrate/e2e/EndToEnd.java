package io.dvmigrate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.cli.api.OrchestratorClient;
import io.dvmigrate.cli.stack.EmulatorEndpoint;
import io.dvmigrate.cli.stack.LocalStack;
import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Query;
import io.dvmigrate.service.DataverseConnections;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The stack every end-to-end test shares: the four services as separate processes, a real broker, a real PostgreSQL
 * and the emulator, started once per test JVM. Each test adds the emulated environments it needs under names of its
 * own, runs a plan through the orchestrator's API as a user would, and reads the target back through the Web API.
 */
final class EndToEnd {
    private static final Set<String> FINAL = Set.of("Succeeded", "SucceededWithErrors", "Failed", "Cancelled");
    private static LocalStack stack;
    private static final Map<String, DataverseClient> clients = new ConcurrentHashMap<>();

    private EndToEnd() {
    }

    static synchronized LocalStack stack() {
        if (stack == null) {
            stack = LocalStack.start(LocalStack.Options.of("e2e").fresh(true)
                    .environments(Map.of("e2e-empty", "demo-schema")), message -> System.out.println("[e2e] " + message));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                clients.values().forEach(DataverseClient::close);
                stack.close();
            }));
        }
        return stack;
    }

    static EmulatorEndpoint emulator() {
        return stack().emulator().endpoint();
    }

    static OrchestratorClient api() {
        return new OrchestratorClient(stack().orchestratorUrl());
    }

    /** Adds an emulated environment (name → SPEC) for one test. */
    static void environment(String name, String spec) {
        if (!emulator().hasEnvironment(name)) {
            emulator().addEnvironment(name, spec);
        }
    }

    static EnvironmentRef ref(String name) {
        return emulator().environmentRef(name);
    }

    /** An environment as a plan's {@code source:} or {@code target:} value. */
    static String planEnvironment(String name) {
        return emulator().planEnvironment(name);
    }

    /** Saves {@code plan} as migration {@code name}, runs it and returns the run's id. */
    static UUID start(String name, String plan) {
        api().putMigration(name, "e2e", plan);
        return api().startRun(name);
    }

    /** Waits until the run is final (or {@code timeout} passes) and returns its view. */
    static JsonNode awaitEnd(UUID run, Duration timeout) {
        return awaitRun(run, timeout, view -> FINAL.contains(view.path("status").asText()));
    }

    static JsonNode awaitRun(UUID run, Duration timeout, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode view = api().run(run);
            if (condition.test(view)) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + run + " did not get there in " + timeout.toSeconds() + " s: " + view);
            }
            sleep(500);
        }
    }

    /** A client reading environment {@code name} through its Web API. */
    static DataverseClient client(String name) {
        return clients.computeIfAbsent(name, n -> DataverseClient.connect(DataverseConnections.settingsOf(ref(n))));
    }

    /** Every row of a table, by primary id (lower case), with the given columns and lookup annotations. */
    static Map<String, JsonNode> rows(String environment, String entitySet, String primaryId, String... columns) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        Query query = Query.of(entitySet).select(columns).annotations("Microsoft.Dynamics.CRM.lookuplogicalname");
        for (Page page : client(environment).read(query)) {
            for (JsonRow row : page.rows()) {
                JsonNode node = row.toObjectNode();
                rows.put(node.get(primaryId).asText().toLowerCase(), node);
            }
        }
        return rows;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
