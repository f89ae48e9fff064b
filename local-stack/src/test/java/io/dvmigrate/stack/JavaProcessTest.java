package io.dvmigrate.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaProcessTest {

    /** A child that says it is up, then waits to be stopped. */
    public static final class Idle {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("idle: up");
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(2));
        }
    }

    @Test
    void collectGarbageRunsAFullCollectionInTheChild(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("idle.log");
        try (JavaProcess child = JavaProcess.builder("idle").mainClass(Idle.class.getName())
                .jvmArgs("-Xmx64m", "-XX:+UseSerialGC", "-Xlog:gc").logFile(log).start()) {
            child.awaitReady(Duration.ofSeconds(30), () -> logHas(log, "idle: up"));
            assertThat(Files.readString(log)).doesNotContain("Pause Full");

            child.collectGarbage();

            child.awaitReady(Duration.ofSeconds(10), () -> logHas(log, "Pause Full (Diagnostic Command)"));
        }
    }

    @Test
    void collectGarbageInAChildThatIsGoneSaysWhich(@TempDir Path dir) {
        JavaProcess child = JavaProcess.builder("gone").mainClass(Idle.class.getName()).logFile(dir.resolve("gone.log"))
                .start();
        child.kill();

        assertThatThrownBy(child::collectGarbage).isInstanceOf(StackException.class)
                .hasMessageContaining("GC.run (gone) failed");
    }

    private static boolean logHas(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
