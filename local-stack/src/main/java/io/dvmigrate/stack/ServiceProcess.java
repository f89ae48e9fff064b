package io.dvmigrate.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A dvmigrate service (a Quarkus application) in its own JVM: started from its packaged {@code quarkus-run.jar},
 * configured through environment variables (the same keys docker-compose sets), ready when {@code /q/health/ready}
 * answers 200.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final JavaProcess process;
    private final int port;

    private ServiceProcess(JavaProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the service packaged at {@code jar} on {@code port} with {@code environment}, and waits for readiness.
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment, Path logFile,
            String... jvmArgs) {
        if (!Files.isRegularFile(jar)) {
            throw new StackException(name + " is not built: " + jar + " is missing (run ./mvnw -q package -DskipTests)");
        }
        JavaProcess process = JavaProcess.builder(name)
                .jvmArgs("--add-opens", "java.base/java.lang=ALL-UNNAMED",
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager")
                .jvmArgs(jvmArgs)
                .jar(jar)
                .env(environment)
                .env("QUARKUS_HTTP_PORT", Integer.toString(port))
                .logFile(logFile)
                .start();
        ServiceProcess service = new ServiceProcess(process, port);
        try {
            process.awaitReady(Duration.ofSeconds(120), service::isReady);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return service;
    }

    public String url() {
        return "http://localhost:" + port + "/";
    }

    public int port() {
        return port;
    }

    public JavaProcess process() {
        return process;
    }

    public boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
