package io.dvmigrate.cli.command;

import io.dvmigrate.cli.api.OrchestratorClient;
import io.dvmigrate.cli.plan.PlanFile;
import io.dvmigrate.cli.stack.EmulatorEndpoint;
import io.dvmigrate.cli.stack.LocalStack;
import io.dvmigrate.cli.stack.StackFile;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * Which orchestrator a command talks to: {@code --server URL}, else the stack {@code dvmigrate up} keeps running,
 * else (for commands that need one) a stack started for this command alone and stopped when it ends.
 */
final class Connection implements AutoCloseable {
    private final OrchestratorClient api;
    private final EmulatorEndpoint emulator;
    private final LocalStack ownStack;

    private Connection(OrchestratorClient api, EmulatorEndpoint emulator, LocalStack ownStack) {
        this.api = api;
        this.emulator = emulator;
        this.ownStack = ownStack;
    }

    /** An orchestrator that must already run: {@code --server}, or the running stack. */
    static Connection existing(String server) {
        if (server != null) {
            return new Connection(new OrchestratorClient(server), null, null);
        }
        StackFile stack = StackFile.running().orElseThrow(() -> new IllegalArgumentException(
                "no dvmigrate stack is running: start one with `dvmigrate up`, or pass --server URL"));
        return new Connection(new OrchestratorClient(stack.orchestrator()), stack.emulator(), null);
    }

    /**
     * An orchestrator for running {@code plan}: {@code --server}, the running stack (with the plan's emulated
     * environments added to its emulator), or a stack started now for the plan.
     */
    static Connection forPlan(String server, PlanFile plan, PrintStream out, String stackName) {
        Map<String, String> emulated = plan.emulatedEnvironments();
        if (server != null) {
            if (!emulated.isEmpty()) {
                throw new IllegalArgumentException("the plan has emulated environments, which only the local stack"
                        + " serves: drop --server to use it");
            }
            return new Connection(new OrchestratorClient(server), null, null);
        }
        Optional<StackFile> running = StackFile.running();
        if (running.isPresent()) {
            EmulatorEndpoint emulator = running.get().emulator();
            if (!emulated.isEmpty() && emulator == null) {
                throw new IllegalArgumentException("the running stack has no emulator for the plan's emulated environments");
            }
            emulated.forEach((name, spec) -> {
                if (!emulator.hasEnvironment(name)) {
                    out.println("adding emulated environment " + name + " (" + spec + ") to the running emulator");
                    emulator.addEnvironment(name, spec);
                }
            });
            return new Connection(new OrchestratorClient(running.get().orchestrator()), emulator, null);
        }
        LocalStack stack = LocalStack.start(LocalStack.Options.of(stackName).fresh(true).environments(emulated), out::println);
        return new Connection(new OrchestratorClient(stack.orchestratorUrl()),
                stack.emulator() == null ? null : stack.emulator().endpoint(), stack);
    }

    OrchestratorClient api() {
        return api;
    }

    /** The plan as the orchestrator gets it: emulated environments replaced by how to reach them. */
    String resolve(PlanFile plan) {
        return plan.emulatedEnvironments().isEmpty() ? plan.yaml() : plan.resolved(emulator);
    }

    @Override
    public void close() {
        if (ownStack != null) {
            ownStack.close();
        }
    }
}
