package io.dvmigrate.testing;

import io.dvmigrate.stack.KafkaBroker;
import io.dvmigrate.stack.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The real Kafka broker and PostgreSQL shared by every test class of a test JVM: each starts on first use, on a free
 * port, and stops when the JVM ends. Set {@code DVM_KAFKA_BOOTSTRAP} or {@code DVM_DATABASE_URL} (with
 * {@code DVM_DATABASE_USERNAME} and {@code DVM_DATABASE_PASSWORD}) to use your own instead.
 */
public final class TestInfrastructure {
    /** Connection details of the test database. */
    public record Database(String jdbcUrl, String username, String password) {
    }

    private static KafkaBroker broker;
    private static String kafkaBootstrap;
    private static PostgresServer postgres;
    private static Database database;
    private static Path workDir;

    private TestInfrastructure() {
    }

    /** Bootstrap servers of the shared broker, starting it if needed. */
    public static synchronized String kafkaBootstrap() {
        if (kafkaBootstrap == null) {
            String own = System.getenv("DVM_KAFKA_BOOTSTRAP");
            if (own != null && !own.isBlank()) {
                kafkaBootstrap = own;
                log("using the Kafka broker at " + own + " (DVM_KAFKA_BOOTSTRAP)");
            } else {
                long start = System.nanoTime();
                Path dir = workDir().resolve("kafka");
                broker = KafkaBroker.start(dir, 0, dir.resolve("broker.log"));
                kafkaBootstrap = broker.bootstrapServers();
                log("started a Kafka broker (KRaft, Apache Kafka " + AppInfoParser.getVersion() + ") at "
                        + kafkaBootstrap + " in " + seconds(start) + ", pid " + broker.process().pid()
                        + ", log " + broker.process().logFile());
            }
        }
        return kafkaBootstrap;
    }

    /** The shared database, starting it if needed. */
    public static synchronized Database database() {
        if (database == null) {
            String own = System.getenv("DVM_DATABASE_URL");
            if (own != null && !own.isBlank()) {
                database = new Database(own, envOr("DVM_DATABASE_USERNAME", "postgres"),
                        envOr("DVM_DATABASE_PASSWORD", "postgres"));
                log("using the PostgreSQL database at " + own + " (DVM_DATABASE_URL)");
            } else {
                long start = System.nanoTime();
                postgres = PostgresServer.start(null, 0);
                database = new Database(postgres.jdbcUrl(), PostgresServer.USER, "postgres");
                log("started " + serverVersion(database) + " at " + database.jdbcUrl() + " in " + seconds(start));
            }
        }
        return database;
    }

    private static synchronized Path workDir() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("dvm-test-infra");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopAll, "dvm-test-infra-stop"));
        }
        return workDir;
    }

    private static synchronized void stopAll() {
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        deleteQuietly(workDir);
    }

    private static String serverVersion(Database db) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                ResultSet rs = connection.createStatement().executeQuery("show server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started but does not answer: " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String seconds(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void log(String message) {
        System.out.println("[dvmigrate test infrastructure] " + message);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the OS cleans what we could not
        }
    }
}
