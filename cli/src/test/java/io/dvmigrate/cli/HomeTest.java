package io.dvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeTest {
    @AfterEach
    void forgetHome() {
        System.clearProperty("dvm.home");
    }

    @Test
    void theLaunchersHomeIsUsedAsIs(@TempDir Path dir) {
        System.setProperty("dvm.home", dir + "/checkout/../dvmigrate");

        assertThat(Home.root()).isEqualTo(dir.resolve("dvmigrate"));
        assertThat(Home.workDir()).isEqualTo(dir.resolve("dvmigrate/.dvmigrate"));
        assertThat(Home.serviceJar("loader-service"))
                .isEqualTo(dir.resolve("dvmigrate/loader-service/target/quarkus-app/quarkus-run.jar"));
    }

    @Test
    void withoutItTheCheckoutIsFoundFromTheWorkingDirectory() {
        System.setProperty("dvm.home", " ");

        Path root = Home.root();

        // the tests run in the cli module: the checkout is the folder above, with the wrapper and the services
        assertThat(root).isEqualTo(Path.of("").toAbsolutePath().getParent());
        assertThat(root.resolve("mvnw")).exists();
        assertThat(Files.isDirectory(root.resolve("orchestrator-service"))).isTrue();
    }
}
