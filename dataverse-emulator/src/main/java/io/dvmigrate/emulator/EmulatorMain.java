package io.dvmigrate.emulator;

import io.dvmigrate.emulator.environment.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code dvmigrate emulator}: runs the emulator until SIGTERM or SIGINT. When ready it prints
 * {@code emulator ready: http://HOST:PORT/} (HOST is localhost unless {@code --hostname} says otherwise), then one
 * line per environment, the certificate and the authority.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "A local Dataverse Web API, token issuer and service-protection model.")
public final class EmulatorMain implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (0 = a free port). Default: ${DEFAULT-VALUE}.", defaultValue = "5555")
    int port;

    @Option(names = "--https-port", description = "HTTPS port. Default: PORT+1 (a free port when PORT is 0).")
    Integer httpsPort;

    @Option(names = "--env", paramLabel = "NAME=SPEC", required = true,
            description = "An environment: NAME=demo | demo:N | demo-schema | generated:N | cmt:PATH | cmt-schema:PATH | csdl:PATH | json:PATH. Repeatable.")
    List<String> environments = new ArrayList<>();

    @Option(names = "--limits", paramLabel = "SPEC", defaultValue = "off",
            description = "off (default), dataverse, or overrides such as dataverse,compress=30,record-cost=2ms (README lists every key).")
    String limits;

    @Option(names = "--app", paramLabel = "CLIENT_ID:SECRET",
            description = "Another application user (tenant dvm, or TENANT/CLIENT_ID:SECRET). Repeatable.")
    List<String> applications = new ArrayList<>();

    @Option(names = "--hostname", paramLabel = "NAME", defaultValue = "localhost",
            description = "The name clients reach it by, in its URLs, token audiences and certificate (e.g. its container's"
                    + " service name). localhost keeps working. Default: ${DEFAULT-VALUE}.")
    String hostName;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the certificate is written (default: a temporary directory).")
    Path workDirectory;

    @Option(names = "--token-lifetime", paramLabel = "SECONDS", defaultValue = "3599",
            description = "Lifetime of issued tokens in seconds. Default: ${DEFAULT-VALUE}.")
    long tokenLifetime;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmulatorMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        DataverseEmulator emulator;
        try {
            emulator = start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("emulator: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        report(emulator);
        stopped.await();
        return 0;
    }

    private DataverseEmulator start() {
        DataverseEmulator.Builder builder = DataverseEmulator.builder().port(port)
                .limits(ServiceProtection.parse(limits)).tokenLifetime(Duration.ofSeconds(tokenLifetime)).hostName(hostName);
        if (httpsPort != null) {
            builder.httpsPort(httpsPort);
        }
        if (workDirectory != null) {
            builder.workDir(workDirectory);
        }
        for (String environment : environments) {
            int equals = environment.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--env takes NAME=SPEC, got '" + environment + "'");
            }
            builder.environment(environment.substring(0, equals), environment.substring(equals + 1));
        }
        for (String application : applications) {
            builder.application(Application.parse(application));
        }
        return builder.start();
    }

    /** The ready line first (tools wait for it), then how to reach each environment. */
    private static void report(DataverseEmulator emulator) {
        System.out.println("emulator ready: " + emulator.baseUrl());
        for (String name : emulator.environmentNames()) {
            Map<String, Long> counts = emulator.rowCounts(name);
            StringBuilder rows = new StringBuilder();
            counts.forEach((table, count) -> {
                if (count > 0) {
                    rows.append(rows.isEmpty() ? "" : ", ").append(table).append('=').append(count);
                }
            });
            System.out.println("  environment " + name + ": " + emulator.environmentUrl(name) + " (Web API "
                    + emulator.webApiUrl(name) + ", " + emulator.httpsEnvironmentUrl(name) + ") rows: "
                    + counts.values().stream().mapToLong(Long::longValue).sum() + " [" + rows + "]");
        }
        System.out.println("  certificate: " + emulator.certificateFile() + " (trust store " + emulator.trustStoreFile()
                + ", password changeit)");
        System.out.println("  authority: " + emulator.authority() + " (tenant " + Application.DEFAULT_TENANT
                + ", client id " + Application.DEFAULT_CLIENT_ID + ")");
        System.out.println("  admin: " + emulator.baseUrl() + "_emulator/");
        System.out.flush();
    }
}
