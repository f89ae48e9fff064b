package io.dvmigrate.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a child JVM of the local stack exit when the process that started it is gone, however it went (Ctrl-C,
 * SIGKILL, a crashed test JVM): no orphaned brokers, emulators or services. {@link JavaProcess} loads it into every
 * child as a Java agent (this module's jar names it as its {@code Premain-Class}), so the children need no code of
 * their own for it.
 */
public final class ParentWatch {
    /** System property {@link JavaProcess} sets on every child: the pid of the process that started it. */
    public static final String PARENT_PID_PROPERTY = "dvmigrate.parent-pid";

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ParentWatch() {
    }

    /** Java agent entry point: watches the parent from the first moment of the child's life. */
    public static void premain(String arguments) {
        start();
    }

    /** Exits this JVM (running its shutdown hooks) once the parent named by {@value #PARENT_PID_PROPERTY} ends. */
    public static void start() {
        String parentPid = System.getProperty(PARENT_PID_PROPERTY);
        if (parentPid == null || parentPid.isBlank() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parentPid.trim())).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    System.err.println("parent process " + parentPid + " ended; stopping");
                    System.exit(0);
                }),
                () -> System.exit(0));
    }

    /** This class's jar, when it runs from one: what {@code -javaagent:} names. */
    static Path agentJar() {
        try {
            Path location = Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? location : null;
        } catch (Exception e) {
            return null;
        }
    }
}
