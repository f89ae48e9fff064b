package io.dvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvmigrate.cli.Home;
import java.io.IOException;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stage services compress chunks with lz4, and lz4-java uses its native codec only when the system class loader
 * loaded it; in Quarkus' application class loader it falls back to pure Java, which cost the services a fifth of their
 * CPU (docs/PERFORMANCE.md). Each service therefore packages it parent-first: on the launcher's own class path.
 */
class NativeCompressionTest {

    @ParameterizedTest
    @ValueSource(strings = {"extractor-service", "transformer-service", "loader-service"})
    void lz4IsOnTheSystemClassPathOfEachStageService(String module) throws IOException {
        try (JarFile launcher = new JarFile(Home.serviceJar(module).toFile())) {
            String classPath = launcher.getManifest().getMainAttributes().getValue("Class-Path");
            assertThat(classPath).as("Class-Path of %s", module).contains("lz4-java");
        }
    }
}
