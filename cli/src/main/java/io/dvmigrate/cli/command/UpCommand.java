package io.dvmigrate.cli.command;

import io.dvmigrate.cli.Dvmigrate;
import io.dvmigrate.cli.Home;
import io.dvmigrate.cli.stack.StackFile;
import io.dvmigrate.stack.JavaProcess;
import io.dvmigrate.stack.StackException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the local stack in the background and leaves it running; `dvmigrate down` stops it. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Starts the local stack (Kafka, PostgreSQL, the emulator, the four services) in the background,"
                + " prints its URLs and returns; plan, run and status then use it. `dvmigrate down` stops it.")
public final class UpCommand implements Callable<Integer> {
    @Option(names = "--env", paramLabel = "NAME=SPEC",
            description = "Emulated environments to serve (default: source=demo and target=demo-schema).")
    List<String> environments = new ArrayList<>();

    @Option(names = "--loaders", paramLabel = "N", description = "Loader instances (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int loaders;

    @Override
    public Integer call() {
        Map<String, String> envs = new LinkedHashMap<>();
        for (String env : environments) {
            int equals = env.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--env takes NAME=SPEC, not '" + env + "'");
            }
            envs.put(env.substring(0, equals), env.substring(equals + 1));
        }
        if (envs.isEmpty()) {
            envs.put("source", "demo");
            envs.put("target", "demo-schema");
        }
        Optional<StackFile> running = StackFile.running();
        if (running.isPresent()) {
            System.out.println("a stack is running already (pid " + running.get().pid() + ")");
            print(running.get(), System.out);
            return Dvmigrate.OK;
        }
        print(start(envs, loaders, System.out), System.out);
        return Dvmigrate.OK;
    }

    /** The running stack, started in the background with {@code environments} when there is none. */
    static StackFile ensureRunning(Map<String, String> environments, PrintStream out) {
        return StackFile.running().orElseGet(() -> start(environments, 1, out));
    }

    private static StackFile start(Map<String, String> environments, int loaders, PrintStream out) {
        out.println("starting the local stack in the background (log: " + Home.workDir().resolve("logs/stack.log") + ")");
        List<String> args = new ArrayList<>(List.of("stack-daemon", "--loaders", Integer.toString(loaders)));
        environments.forEach((name, spec) -> args.addAll(List.of("--env", name + "=" + spec)));
        JavaProcess daemon = JavaProcess.builder("stack")
                .mainClass(Dvmigrate.class.getName())
                .systemProperty("dvm.home", Home.root().toString())
                .args(args)
                .logFile(Home.workDir().resolve("logs/stack.log"))
                .detached()
                .start();
        daemon.awaitReady(Duration.ofMinutes(5), () -> StackFile.running().map(s -> s.pid() == daemon.pid()).orElse(false));
        return StackFile.running().orElseThrow(() -> new StackException("the stack started but left no "
                + StackFile.path()));
    }

    static void print(StackFile stack, PrintStream out) {
        out.println("orchestrator  " + stack.orchestrator() + "  (API /api, OpenAPI /q/openapi, health /q/health)");
        stack.services().forEach((name, url) -> {
            if (!name.equals("orchestrator")) {
                out.println(String.format("%-13s %s", name, url));
            }
        });
        out.println("kafka         " + stack.kafka());
        out.println("postgresql    " + stack.database());
        if (stack.emulator() != null) {
            out.println("emulator      " + stack.emulator().baseUrl() + "  (admin " + stack.emulator().baseUrl()
                    + "_emulator/, authority " + stack.emulator().authority() + ")");
        }
        out.println("logs          " + stack.logs());
    }
}
