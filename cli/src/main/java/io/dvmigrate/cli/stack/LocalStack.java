package io.dvmigrate.cli.stack;

import io.dvmigrate.cli.Home;
import io.dvmigrate.stack.JavaProcess;
import io.dvmigrate.stack.KafkaBroker;
import io.dvmigrate.stack.Ports;
import io.dvmigrate.stack.PostgresServer;
import io.dvmigrate.stack.ServiceProcess;
import io.dvmigrate.stack.StackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Everything dvmigrate needs on one machine, without Docker: a Kafka broker (KRaft) in its own JVM, PostgreSQL from
 * embedded binaries, the Dataverse emulator when a plan has emulated environments, and the four services as
 * separate processes on free ports. Logs go to {@code .dvmigrate/logs/}. Closing stops everything, in reverse; a
 * shutdown hook does the same on Ctrl-C, and every child JVM also exits by itself if this process dies.
 */
public final class LocalStack implements AutoCloseable {
    public static final List<String> SERVICES = List.of("orchestrator", "extractor", "transformer", "loader");
    private static final String STAGE_COMPILER_DIRECTIVES = "stage-compiler-directives.json";

    /**
     * What to start.
     *
     * @param name         the stack's directory under {@code .dvmigrate/} ({@code demo}, {@code stack}, a test's)
     * @param fresh        delete earlier data first (the demo always starts empty)
     * @param environments emulated environments (name → SPEC); none: no emulator
     * @param limits       the emulator's {@code --limits}
     * @param loaders      loader instances (they share the work through their consumer group)
     * @param serviceMemory the heap of each service JVM, fixed (default 256m: with the JVM's own memory, under 512 MB
     *                      resident)
     * @param emulatorMemory the emulator's heap: it holds every emulated row (the bench's millions too)
     */
    public record Options(String name, boolean fresh, Map<String, String> environments, String limits, int loaders,
            String serviceMemory, String emulatorMemory) {
        public static Options of(String name) {
            return new Options(name, false, Map.of(), "off", 1, "256m", "3g");
        }

        public Options fresh(boolean value) {
            return new Options(name, value, environments, limits, loaders, serviceMemory, emulatorMemory);
        }

        public Options environments(Map<String, String> value) {
            return new Options(name, fresh, value, limits, loaders, serviceMemory, emulatorMemory);
        }

        public Options limits(String value) {
            return new Options(name, fresh, environments, value, loaders, serviceMemory, emulatorMemory);
        }

        public Options loaders(int value) {
            return new Options(name, fresh, environments, limits, value, serviceMemory, emulatorMemory);
        }

        public Options serviceMemory(String value) {
            return new Options(name, fresh, environments, limits, loaders, value, emulatorMemory);
        }

        public Options emulatorMemory(String value) {
            return new Options(name, fresh, environments, limits, loaders, serviceMemory, value);
        }
    }

    private final Options options;
    private final Path dir;
    private final Path logs;
    /** Written once when the stack starts; every stage service start (restarts, added loaders) reads it. */
    private Path stageCompilerDirectives;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private EmulatorProcess emulator;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::stopQuietly, "dvmigrate-stack-stop");

    private LocalStack(Options options) {
        this.options = options;
        this.dir = Home.workDir().resolve(options.name());
        this.logs = Home.workDir().resolve("logs").resolve(options.name());
    }

    /** Starts the stack, telling {@code progress} what it does; on any failure stops what it started and throws. */
    public static LocalStack start(Options options, Consumer<String> progress) {
        LocalStack stack = new LocalStack(options);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.startAll(progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Consumer<String> progress) {
        for (String service : SERVICES) {
            Path jar = Home.serviceJar(service + "-service");
            if (!Files.isRegularFile(jar)) {
                throw new StackException("the " + service + " service is not built (" + jar + " is missing):"
                        + " run ./mvnw -q package -DskipTests, or use ./dvmigrate, which builds what is missing");
            }
        }
        if (options.fresh()) {
            delete(dir);
            delete(logs);
        }
        createDirectories(dir);
        stageCompilerDirectives = writeStageCompilerDirectives();
        createDirectories(logs);
        progress.accept("starting PostgreSQL, Kafka" + (options.environments().isEmpty() ? "" : " and the Dataverse emulator"));
        CompletableFuture<PostgresServer> database = CompletableFuture.supplyAsync(
                () -> PostgresServer.start(dir.resolve("postgres"), 0));
        CompletableFuture<EmulatorProcess> emulated = options.environments().isEmpty() ? null
                : CompletableFuture.supplyAsync(() -> EmulatorProcess.start(options.environments(), options.limits(),
                        options.emulatorMemory(), dir.resolve("emulator"), logs.resolve("emulator.log")));
        try {
            kafka = KafkaBroker.start(dir.resolve("kafka"), 0, logs.resolve("kafka.log"));
        } finally {
            // whatever started is kept, so that close() stops it even when something else failed
            postgres = database.exceptionally(e -> null).join();
            emulator = emulated == null ? null : emulated.exceptionally(e -> null).join();
        }
        join(database);
        if (emulated != null) {
            join(emulated);
        }

        progress.accept("starting the services (orchestrator, extractor, transformer, " + options.loaders()
                + (options.loaders() == 1 ? " loader)" : " loaders)"));
        services.put("orchestrator", service("orchestrator"));
        startPipeline(options.loaders());
    }

    /** Starts the extractor, the transformer and {@code loaders} loaders, in parallel. */
    private void startPipeline(int loaders) {
        List<String> names = new ArrayList<>(List.of("extractor", "transformer"));
        for (int i = 1; i <= loaders; i++) {
            names.add(loaders == 1 ? "loader" : "loader-" + i);
        }
        List<CompletableFuture<Map.Entry<String, ServiceProcess>>> starting = names.stream()
                .map(name -> CompletableFuture.supplyAsync(() -> Map.entry(name, service(name)))).toList();
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        for (CompletableFuture<Map.Entry<String, ServiceProcess>> started : starting) {
            Map.Entry<String, ServiceProcess> service = started.exceptionally(e -> null).join();
            if (service != null) {
                services.put(service.getKey(), service.getValue());
            }
        }
        starting.forEach(LocalStack::join); // the first failure, after every started service is known
    }

    /**
     * Stops the extractor, the transformer and the loaders and starts them afresh with {@code loaders} loaders (the
     * orchestrator, the broker and the database keep running): a new peak memory per measurement, or a scaled-out
     * loader group.
     */
    public void restartPipeline(int loaders) {
        List<String> pipeline = services.keySet().stream().filter(name -> !name.equals("orchestrator")).toList();
        for (String name : pipeline) {
            services.remove(name).close();
        }
        startPipeline(loaders);
    }

    /** Starts a service (its name may carry an instance suffix, e.g. {@code loader-2}). */
    private ServiceProcess service(String name) {
        String module = name.replaceFirst("-\\d+$", "") + "-service";
        Map<String, String> env = new LinkedHashMap<>();
        if (name.equals("orchestrator")) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // a fixed heap, reserved at start: a service's memory does not creep up with a table's size, and a leak shows as
        // an OutOfMemoryError rather than as a slowly growing process
        List<String> jvm = new ArrayList<>(List.of("-Xms" + options.serviceMemory(), "-Xmx" + options.serviceMemory(),
                "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC",
                // a heap that ran out may have failed any thread, the Kafka clients' included: die, and let the
                // broker hand the uncommitted chunks to the next instance, rather than limp on
                "-XX:+ExitOnOutOfMemoryError",
                // half of it young (a third by default): a chunk's garbage is megabytes, and each young collection
                // copies the chunks in flight, so fewer of them cost less (bench: stage services' GC CPU halved)
                "-XX:NewRatio=1",
                // lz4-java loads its native codec (the services' lz4 chunks); JDK 24+ warns unless this is allowed
                "--enable-native-access=ALL-UNNAMED"));
        if (module.equals("orchestrator-service")) {
            // its work is database round trips and small JSON: the optimizing compiler cost it more CPU than it saved
            jvm.add("-XX:TieredStopAtLevel=1");
        } else {
            // per-message framework code stays with the quick compiler; the per-row code does not (see the file)
            jvm.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + stageCompilerDirectives,
                    "-XX:CompileCommand=quiet"));
        }
        // e.g. DVM_SERVICE_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/%p.jfr" to profile the services
        jvm.addAll(JavaProcess.jvmArgsFromEnvironment("DVM_SERVICE_JAVA_OPTS"));
        return ServiceProcess.start(name, Home.serviceJar(module), Ports.free(), env, logs.resolve(name + ".log"),
                jvm.toArray(String[]::new));
    }

    /** The stage services' compiler directives, written beside the stack's data from the CLI's resource. */
    private Path writeStageCompilerDirectives() {
        Path file = dir.resolve(STAGE_COMPILER_DIRECTIVES);
        try (InputStream in = LocalStack.class.getResourceAsStream(STAGE_COMPILER_DIRECTIVES)) {
            if (in == null) {
                throw new StackException("the CLI is missing its resource " + STAGE_COMPILER_DIRECTIVES);
            }
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new StackException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts one more instance of a stage service beside the running ones, e.g. {@code loader-2}, and waits until it is
     * ready: its consumer group shares the partitions anew, as when a deployment scales out.
     */
    public void startInstance(String name) {
        if (services.containsKey(name)) {
            throw new IllegalArgumentException("service " + name + " is already running");
        }
        services.put(name, service(name));
    }

    /** Stops an instance with SIGTERM and waits for it to end, as a deployment scaling in would. */
    public void stop(String name) {
        ServiceProcess service = services.remove(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + " is running");
        }
        service.close();
    }

    /** Stops a service with SIGKILL, as a crash would (tests prove recovery with it). */
    public void kill(String service) {
        services.get(service).process().kill();
    }

    /** Starts a killed or stopped service again, with the same configuration. */
    public void restart(String service) {
        services.get(service).close();
        services.put(service, service(service));
    }

    public String orchestratorUrl() {
        return services.get("orchestrator").url();
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public String databaseUrl() {
        return postgres.jdbcUrl();
    }

    public EmulatorProcess emulator() {
        return emulator;
    }

    /** Every JVM of the stack by name (broker, emulator, services), e.g. to read their CPU time and memory. */
    public Map<String, JavaProcess> processes() {
        Map<String, JavaProcess> processes = new LinkedHashMap<>();
        if (kafka != null) {
            processes.put("kafka", kafka.process());
        }
        if (emulator != null) {
            processes.put("emulator", emulator.process());
        }
        services.forEach((name, service) -> processes.put(name, service.process()));
        return processes;
    }

    public Map<String, ServiceProcess> services() {
        return services;
    }

    public Path logs() {
        return logs;
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running: it stops everything itself
        }
    }

    private synchronized void stopQuietly() {
        List<AutoCloseable> running = new ArrayList<>(services.values());
        java.util.Collections.reverse(running);
        running.add(emulator);
        running.add(kafka);
        running.add(postgres);
        for (AutoCloseable part : running) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("stopping " + part + " failed: " + e.getMessage());
                }
            }
        }
        services.clear();
        emulator = null;
        kafka = null;
        postgres = null;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private static void createDirectories(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
