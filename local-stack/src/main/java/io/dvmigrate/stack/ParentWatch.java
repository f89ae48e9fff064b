package io.dvmigrate.stack;

/**
 * Lets a child JVM of the local stack exit when the process that started it is gone, however it went (Ctrl-C,
 * SIGKILL, a crashed test JVM): no orphaned brokers or services.
 */
public final class ParentWatch {
    /** System property {@link JavaProcess} sets on every child: the pid of the process that started it. */
    public static final String PARENT_PID_PROPERTY = "dvm.parent.pid";

    private ParentWatch() {
    }

    /** Exits this JVM (running its shutdown hooks) once the parent named by {@value #PARENT_PID_PROPERTY} ends. */
    public static void start() {
        String parentPid = System.getProperty(PARENT_PID_PROPERTY);
        if (parentPid == null || parentPid.isBlank()) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parentPid.trim())).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    System.err.println("parent process " + parentPid + " ended; stopping");
                    System.exit(0);
                }),
                () -> System.exit(0));
    }
}
