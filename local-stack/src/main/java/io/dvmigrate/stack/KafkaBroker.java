package io.dvmigrate.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A real Kafka broker in KRaft mode, running in its own JVM ({@link KafkaBrokerMain}) from this JVM's classpath.
 * Ready means the broker answers a cluster description.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final JavaProcess process;
    private final int port;

    private KafkaBroker(JavaProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a broker keeping its data in {@code dataDir}. A port of 0 picks a free one; a busy port is refused with
     * a message naming it.
     */
    public static KafkaBroker start(Path dataDir, int port, Path logFile) {
        int brokerPort = Ports.claim(port, "the Kafka broker");
        int controllerPort = Ports.free();
        JavaProcess process = JavaProcess.builder("kafka")
                .mainClass(KafkaBrokerMain.class.getName())
                // with the optimizing compiler: every chunk passes the broker twice, and with C1 alone the broker used
                // half as much CPU again in `dvmigrate bench --scenario overhead` (2.9 against 1.9 CPU-s per copy)
                .jvmArgs("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC")
                .args(dataDir.toString(), Integer.toString(brokerPort), Integer.toString(controllerPort))
                .logFile(logFile)
                .start();
        KafkaBroker broker = new KafkaBroker(process, brokerPort);
        try {
            process.awaitReady(START_TIMEOUT, broker::answers);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public JavaProcess process() {
        return process;
    }

    private boolean answers() {
        if (!Ports.isListening(port)) {
            return false;
        }
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(4, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
