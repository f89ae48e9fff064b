package io.dvmigrate.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFileTest {
    @TempDir
    Path home;

    @BeforeEach
    void useHome() {
        System.setProperty("dvm.home", home.toString());
    }

    @AfterEach
    void forgetHome() {
        System.clearProperty("dvm.home");
    }

    @Test
    void aStackOfALiveProcessIsReadBackAsWritten() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("orchestrator", "http://127.0.0.1:41001/");
        services.put("loader-1", "http://127.0.0.1:41004/");
        StackFile stack = new StackFile(ProcessHandle.current().pid(), "http://127.0.0.1:41001/", "127.0.0.1:41000",
                "jdbc:postgresql://127.0.0.1:41002/dvmigrate", new EmulatorEndpoint("https://127.0.0.1:41003/",
                "https://127.0.0.1:41003/dvm/", home.resolve(".dvmigrate/emulator/cert.pem"),
                home.resolve(".dvmigrate/emulator/secret")), services, home.resolve(".dvmigrate/logs").toString());

        stack.write();

        assertThat(StackFile.path()).isEqualTo(home.resolve(".dvmigrate/stack.json")).exists();
        assertThat(StackFile.running()).contains(stack);
    }

    @Test
    void aStackWithoutEmulatorIsReadBackToo() {
        StackFile stack = new StackFile(ProcessHandle.current().pid(), "http://127.0.0.1:41001/", "127.0.0.1:41000",
                "jdbc:postgresql://127.0.0.1:41002/dvmigrate", null, Map.of(), "logs");

        stack.write();

        assertThat(StackFile.running()).contains(stack);
    }

    @Test
    void noStackFileMeansNoStack() {
        assertThat(StackFile.running()).isEmpty();
    }

    @Test
    void aStackWhoseProcessDiedIsIgnored() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        new StackFile(ended.pid(), "http://127.0.0.1:41001/", "127.0.0.1:41000", "jdbc:postgresql://x/y", null,
                Map.of(), "logs").write();

        assertThat(StackFile.running()).isEmpty();
    }

    @Test
    void aHalfWrittenStackFileIsIgnoredAndDeleteRemovesIt() throws Exception {
        Files.createDirectories(StackFile.path().getParent());
        Files.writeString(StackFile.path(), "{\"pid\": " + ProcessHandle.current().pid() + ", \"orchestr");

        assertThat(StackFile.running()).isEmpty();

        StackFile.delete();
        StackFile.delete();
        assertThat(StackFile.path()).doesNotExist();
    }
}
