package io.dvmigrate.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where dvmigrate lives: the repository root (the launcher passes it as {@code dvm.home}), with the services' built
 * jars under it, and {@code .dvmigrate/} for the local stack's data and logs.
 */
public final class Home {
    private Home() {
    }

    public static Path root() {
        String configured = System.getProperty("dvm.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("orchestrator-service"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** The local stack's data and logs. */
    public static Path workDir() {
        return root().resolve(".dvmigrate");
    }

    /** The packaged jar of a service module, e.g. {@code loader-service}. */
    public static Path serviceJar(String module) {
        return root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
