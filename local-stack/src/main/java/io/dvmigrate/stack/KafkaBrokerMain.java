package io.dvmigrate.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The main class of the broker's own JVM: writes {@code server.properties} for a single combined broker+controller
 * in KRaft mode, formats the storage on first start, then runs {@code kafka.Kafka}. Data survives restarts when the
 * same directory is used again.
 *
 * <p>Arguments: {@code DATA_DIR BROKER_PORT CONTROLLER_PORT}.
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain DATA_DIR BROKER_PORT CONTROLLER_PORT");
            System.exit(2);
        }
        ParentWatch.start();
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Path config = writeConfig(dir, port, controllerPort);
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            format(config);
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    private static Path writeConfig(Path dir, int port, int controllerPort) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=6", // topics a client creates implicitly still spread over partitions
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                // a small heap is enough for one local broker once the cleaner's buffer is small too
                "log.cleaner.dedupe.buffer.size=4194304",
                "message.max.bytes=8388608");
        Path config = dir.resolve("server.properties");
        Files.write(config, lines);
        return config;
    }

    private static void format(Path config) {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        int exit = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", config.toString(), "--standalone"},
                new PrintStream(System.out, true));
        if (exit != 0) {
            System.err.println("formatting the broker storage failed with exit code " + exit);
            System.exit(exit);
        }
    }
}
