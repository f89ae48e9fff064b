package io.dvmigrate.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child JVM of the local stack: started with the same JDK as this one, its output in a log file, stopped with
 * SIGTERM (then SIGKILL) and never left behind. Children started with {@link ParentWatch} in their main exit on their
 * own when this process dies, even by SIGKILL.
 */
public final class JavaProcess implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final Path logFile;

    private JavaProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * CPU time the process has used since it started, user and system, in seconds ({@code /proc/<pid>/stat}, in
     * clock ticks of 1/100 s); -1 where the system does not say.
     */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields from the 3rd on
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime: 14th, 15th
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The most resident memory the process has held since it started ({@code VmHWM} in {@code /proc/<pid>/status}),
     * in MiB; -1 where the system does not say (not Linux, or the process is gone).
     */
    public long peakResidentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024; // the line says kB
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A full garbage collection in the child, now ({@code jcmd <pid> GC.run}): for a benchmark, so that one
     * measurement does not pay for the garbage the one before it left.
     *
     * @throws StackException when the JDK has no jcmd or the collection fails
     */
    public void collectGarbage() {
        jcmd("GC.run");
    }

    /**
     * Runs a diagnostic command in the child with {@code jcmd <pid> COMMAND...}, the JDK's own tool beside its java
     * launcher, and returns what it printed.
     *
     * @throws StackException when the JDK has no jcmd or the command fails (the child has gone, say)
     */
    public String jcmd(String... command) {
        Path jcmd = Path.of(javaExecutable()).resolveSibling("jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(process.pid())));
        line.addAll(List.of(command));
        String what = String.join(" ", command);
        try {
            Process run = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (run.waitFor() != 0) {
                throw new StackException("jcmd " + process.pid() + " " + what + " (" + name + ") failed: "
                        + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new StackException("cannot run " + jcmd + " " + what + " in " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while running jcmd " + what + " in " + name, e);
        }
    }

    /**
     * Waits until {@code ready} answers true. Fails with the end of the child's log when the child exits first or
     * the timeout passes.
     */
    public void awaitReady(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new StackException(name + " exited with code " + process.exitValue() + " before it was ready."
                        + " Last lines of " + logFile + ":\n" + logTail(30));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(name + " was not ready after " + timeout.toSeconds() + " s."
                        + " Last lines of " + logFile + ":\n" + logTail(30));
            }
            sleep(200);
        }
    }

    /** The last {@code lines} lines of the child's log. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log yet)";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL, as a crash would: for tests that prove recovery. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(STOP_GRACE)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting", e);
        }
    }

    /**
     * The JVM options a user put in the environment variable {@code variable}, split at whitespace (none when it is
     * unset): how the local stack lets a user profile or tune a process it starts.
     */
    public static List<String> jvmArgsFromEnvironment(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /** The path of the running JVM's java launcher, so children use the same JDK. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public static final class Builder {
        private final String name;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String classpath = System.getProperty("java.class.path");
        private String mainClass;
        private Path jar;
        private Path logFile;
        private Path workDir;
        private boolean detached;

        private Builder(String name) {
            this.name = name;
        }

        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        public Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        public Builder jvmArgs(String... jvmArgs) {
            this.jvmArgs.addAll(Arrays.asList(jvmArgs));
            return this;
        }

        public Builder systemProperty(String key, String value) {
            this.jvmArgs.add("-D" + key + "=" + value);
            return this;
        }

        public Builder args(String... args) {
            this.args.addAll(Arrays.asList(args));
            return this;
        }

        public Builder args(List<String> args) {
            this.args.addAll(args);
            return this;
        }

        public Builder env(String key, String value) {
            this.env.put(key, value);
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.env.putAll(env);
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** A child meant to outlive this process (the stack {@code dvmigrate up} leaves running): no parent watch. */
        public Builder detached() {
            this.detached = true;
            return this;
        }

        public JavaProcess start() {
            if ((mainClass == null) == (jar == null)) {
                throw new IllegalStateException(name + ": set exactly one of mainClass and jar");
            }
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            if (!detached) {
                command.add("-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
                Path agent = ParentWatch.agentJar();
                if (agent != null) {
                    command.add("-javaagent:" + agent);
                }
            }
            command.addAll(jvmArgs);
            if (jar != null) {
                command.add("-jar");
                command.add(jar.toString());
            } else {
                command.add("-cp");
                command.add(classpath);
                command.add(mainClass);
            }
            command.addAll(args);
            try {
                Path log = logFile != null ? logFile : Files.createTempFile("dvm-" + name, ".log");
                Files.createDirectories(log.toAbsolutePath().getParent());
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
                if (workDir != null) {
                    builder.directory(workDir.toFile());
                }
                builder.environment().putAll(env);
                return new JavaProcess(name, builder.start(), log);
            } catch (IOException e) {
                throw new StackException("could not start " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
