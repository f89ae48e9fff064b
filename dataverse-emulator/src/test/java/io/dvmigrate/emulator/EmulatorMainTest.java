package io.dvmigrate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone emulator as a separate process: its ready line, its output, a clean stop on SIGTERM. */
class EmulatorMainTest {

    @Test
    void aBadSpecIsAnErrorMessageNotAStackTrace() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                EmulatorMain.class.getName(), "--port", "0", "--env", "a=nonsense").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("emulator: unknown environment spec 'nonsense'").doesNotContain("\tat ");
    }

    @Test
    void startsPrintsReadyAndStopsOnSigterm(@TempDir Path workDirectory) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                EmulatorMain.class.getName(), "--port", "0", "--env", "a=demo-schema", "--env", "b=generated:10",
                "--limits", "dataverse,compress=60", "--app", "extra:extra-secret", "--work-dir", workDirectory.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = output.readLine();
            assertThat(ready).matches("emulator ready: http://localhost:\\d+/");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                lines.add(output.readLine());
            }
            assertThat(lines.get(0)).startsWith("  environment a: http://localhost:");
            assertThat(lines.get(1)).startsWith("  environment b: ").contains("dvm_benchrecord=10");
            assertThat(lines.get(2)).contains(workDirectory.resolve("emulator-localhost.crt.pem").toString());
            assertThat(lines.get(3)).startsWith("  authority: https://localhost:").doesNotContain("secret");
            assertThat(Files.exists(workDirectory.resolve("emulator-truststore.p12"))).isTrue();
            String base = ready.substring("emulator ready: ".length());
            TestClient.Response summary = TestClient.send(HttpRequest.newBuilder(URI.create(base + "_emulator/")).build());
            assertThat(summary.json().get("limits").get("compress").asDouble()).isEqualTo(60);
            assertThat(summary.json().get("applications")).hasSize(2);
            JsonNode connection = TestClient.JSON.readTree(workDirectory.resolve("emulator.json").toFile());
            assertThat(connection.get("baseUrl").asText()).isEqualTo(base);
            assertThat(connection.get("environments").get("b").get("rows").get("dvm_benchrecord").asLong()).isEqualTo(10);
            Path secret = Path.of(connection.get("applications").get(1).get("secretFile").asText());
            assertThat(Files.readString(secret)).isEqualTo("extra-secret");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            assertThat(connection.toString()).doesNotContain("extra-secret");
        } finally {
            process.destroy();
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isIn(0, 143);
    }
}
