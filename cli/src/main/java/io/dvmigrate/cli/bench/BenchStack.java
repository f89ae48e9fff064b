package io.dvmigrate.cli.bench;

import io.dvmigrate.cli.api.OrchestratorClient;
import io.dvmigrate.cli.stack.EmulatorEndpoint;
import io.dvmigrate.cli.stack.LocalStack;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.stack.JavaProcess;
import io.dvmigrate.stack.ServiceProcess;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The local stack the bench measures on, with the environments it copies between: a source of N generated rows
 * ({@code generated:N}) and one target with the same schema, emptied before every copy. Limits, faults and
 * application users are changed on the running emulator; the pipeline services are restarted before every
 * measurement, so each one's peak memory is its own.
 */
final class BenchStack implements AutoCloseable {
    static final String TARGET = "bench-target";
    /**
     * Copied before each measurement, so that consumer-group joins and JIT compilation are not measured: three
     * service JVMs on two cores need tens of thousands of rows before their hot paths are compiled, and the direct
     * copy ran 20% faster after 200,000 rows than after 40,000 (each copy is measured at its best).
     */
    static final String WARM_UP = "bench-warm-up";
    static final String WARM_UP_SPEC = "generated:200000";
    /**
     * Rows per chunk of a warm-up copy. Code that runs once per chunk (polls, sends, requests, run events) is compiled
     * only after thousands of calls: cut in small chunks, the warm-up makes them, as a long-running service has, and the
     * measured copy runs compiled code instead of compiling it.
     */
    static final int WARM_UP_CHUNK_ROWS = 50;
    static final String TABLES = "tables: [dvm_benchcategory, dvm_benchrecord, dvm_benchdetail]\nmanyToMany: none\n";

    private final LocalStack stack;
    private final EmulatorEndpoint emulator;
    private final OrchestratorClient api;
    private final Consumer<String> progress;
    private String source;

    private BenchStack(LocalStack stack, Consumer<String> progress) {
        this.stack = stack;
        this.emulator = stack.emulator().endpoint();
        this.api = new OrchestratorClient(stack.orchestratorUrl());
        this.progress = progress;
    }

    /** Starts the stack; the emulator's heap holds a source and a copy of it (a million rows each at most). */
    static BenchStack start(Consumer<String> progress) {
        return new BenchStack(LocalStack.start(LocalStack.Options.of("bench").fresh(true)
                .environments(Map.of(TARGET, "generated:0", WARM_UP, WARM_UP_SPEC)).emulatorMemory("8g"), progress), progress);
    }

    EmulatorEndpoint emulator() {
        return emulator;
    }

    OrchestratorClient api() {
        return api;
    }

    /** The source with {@code records} generated records, added on first use; the previous one is dropped. */
    String source(long records) {
        String name = "bench-source-" + records;
        if (!name.equals(source)) {
            if (source != null) {
                emulator.removeEnvironment(source);
            }
            progress.accept("generating " + String.format("%,d", records) + " source records");
            emulator.addEnvironment(name, "generated:" + records);
            source = name;
        }
        return name;
    }

    /** Starts the extractor, the transformer and {@code loaders} loaders afresh: their peak memory starts anew. */
    void restartPipeline(int loaders) {
        stack.restartPipeline(loaders);
    }

    /** Prepares a copy to measure: limits off for a warm-up copy, then the limits, an empty target, zeroed stats. */
    void prepare(String limits, Runnable warmUp) {
        emulator.limits("off");
        emptyTarget();
        warmUp.run();
        prepare(limits);
    }

    /**
     * Prepares a copy to measure without a warm-up: an empty target, collected heaps, the limits, zeroed stats. Every
     * JVM of the stack, and this one (the direct copy's), is collected before each measured copy: the emulator, which
     * serves both sides of the overhead scenario, otherwise collected the rows one side's copy had left in the emptied
     * target while the other side was being measured (up to 1.3 CPU-seconds in one 8-second copy).
     */
    void prepare(String limits) {
        emptyTarget();
        stack.processes().values().forEach(JavaProcess::collectGarbage);
        System.gc();
        emulator.limits(limits);
        emulator.resetStats();
    }

    /** Drops every row the target holds (its schema stays). */
    void emptyTarget() {
        emulator.resetEnvironment(TARGET);
    }

    /** Another application user, with its own service-protection budget; returns its client id. */
    String addApplicationUser(String clientId) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        emulator.addApplication(clientId, HexFormat.of().formatHex(secret));
        return clientId;
    }

    /** A plan copying the generated tables from {@code source} to the target, with extra target users and writes. */
    String plan(String name, String source, List<String> extraTargetUsers, Map<String, Object> write) {
        Map<String, Object> target = emulator.planFields(TARGET);
        if (!extraTargetUsers.isEmpty()) {
            target.put("applicationUsers", extraTargetUsers.stream().map(clientId -> Map.of("clientId", clientId,
                    "secret", "file:" + emulator.secretFileOf(clientId))).toList());
        }
        return "name: " + name + "\nsource: " + emulator.planEnvironment(source) + "\ntarget: " + new String(Json.encode(target), StandardCharsets.UTF_8)
                + "\n" + TABLES + "users: {map: {admin@" + source + ".example: admin@" + TARGET + ".example}}\n"
                + (write.isEmpty() ? "" : "write: " + new String(Json.encode(write), StandardCharsets.UTF_8) + "\n");
    }

    /** A scenario's write settings for its warm-up copy: the same, in small chunks. */
    static Map<String, Object> warmUpWrite(Map<String, Object> write) {
        Map<String, Object> warmUp = new LinkedHashMap<>(write);
        warmUp.put("chunkSize", WARM_UP_CHUNK_ROWS);
        return warmUp;
    }

    /** 429s the emulator answered since the last reset, over every environment and user. */
    long throttled() {
        return emulator.stat("throttled", null);
    }

    /** Peak resident memory of each pipeline service since its start, in MiB. */
    Map<String, Long> peakRss() {
        Map<String, Long> peaks = new LinkedHashMap<>();
        for (Map.Entry<String, ServiceProcess> service : stack.services().entrySet()) {
            if (!service.getKey().equals("orchestrator")) {
                peaks.put(service.getKey(), service.getValue().process().peakResidentMegabytes());
            }
        }
        return peaks;
    }

    /** CPU seconds used so far by each process of the stack, and by this one as {@code bench}. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> used = new LinkedHashMap<>();
        stack.processes().forEach((name, process) -> used.put(name, process.cpuSeconds()));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            used.put("bench", os.getProcessCpuTime() / 1e9);
        }
        return used;
    }

    /** What each process used between two {@link #cpuSeconds()} readings (processes started since: all of it). */
    static Map<String, Double> cpuBetween(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, total) -> used.put(name, Math.round((total - before.getOrDefault(name, 0.0)) * 10) / 10.0));
        return used;
    }

    @Override
    public void close() {
        stack.close();
    }
}
