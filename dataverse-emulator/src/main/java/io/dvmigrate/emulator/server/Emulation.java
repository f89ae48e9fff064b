package io.dvmigrate.emulator.server;

import io.dvmigrate.emulator.ServiceProtection;
import io.dvmigrate.emulator.auth.SelfSignedCertificate;
import io.dvmigrate.emulator.auth.TokenIssuer;
import io.dvmigrate.emulator.environment.Application;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.environment.EnvironmentSpec;
import io.dvmigrate.emulator.protection.Gate;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Table;
import io.dvmigrate.emulator.source.EnvironmentFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The running emulator's state behind both front doors (HTTP and the Java API): environments, applications,
 * the token issuer, the service-protection gate, the certificate and the ports.
 */
public final class Emulation {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private final Map<String, Deployment> environments = new LinkedHashMap<>();
    private final Map<String, Application> applications = new LinkedHashMap<>();
    private final TokenIssuer issuer;
    private final Gate gate;
    private final SelfSignedCertificate certificate;
    private final String hostName;
    private volatile int port;
    private volatile int httpsPort;
    private volatile Runnable onChange = () -> { };

    /** {@code hostName}: the name clients reach the emulator by, in its URLs (localhost unless it runs in a container). */
    public Emulation(ServiceProtection limits, Duration tokenLifetime, SelfSignedCertificate certificate, String hostName) {
        this.issuer = new TokenIssuer(tokenLifetime);
        this.gate = new Gate(limits);
        this.certificate = certificate;
        this.hostName = hostName;
    }

    /** Called after environments or applications change (the connection file is rewritten). */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    void ports(int http, int https) {
        this.port = http;
        this.httpsPort = https;
    }

    public int port() { return port; }
    public int httpsPort() { return httpsPort; }
    public TokenIssuer issuer() { return issuer; }
    public Gate gate() { return gate; }
    public SelfSignedCertificate certificate() { return certificate; }

    public String baseUrl() {
        return "http://" + hostName + ":" + port + "/";
    }

    public String httpsBaseUrl() {
        return "https://" + hostName + ":" + httpsPort + "/";
    }

    public String authority() {
        return httpsBaseUrl() + Application.DEFAULT_TENANT + "/";
    }

    public synchronized Application addApplication(Application application) {
        if (applications.containsKey(application.clientId())) {
            throw new IllegalArgumentException("an application with client id '" + application.clientId()
                    + "' exists already");
        }
        applications.put(application.clientId(), application);
        for (Deployment deployment : environments.values()) {
            deployment.environment().addApplicationUser(application);
        }
        onChange.run();
        return application;
    }

    public synchronized Optional<Application> application(String clientId) {
        return Optional.ofNullable(applications.get(clientId));
    }

    public synchronized List<Application> applications() {
        return List.copyOf(applications.values());
    }

    /** Builds and adds an environment (the application users included). */
    public Environment addEnvironment(String name, EnvironmentSpec spec) {
        if (!NAME.matcher(name).matches() || name.equals("_emulator")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid environment name (letters, digits, '-', '_')");
        }
        synchronized (this) {
            if (environments.containsKey(name)) {
                throw new IllegalArgumentException("environment '" + name + "' exists already");
            }
        }
        Environment environment = EnvironmentFactory.create(name, spec, applications());
        synchronized (this) {
            environments.put(name, Deployment.of(environment));
        }
        onChange.run();
        return environment;
    }

    /** Rebuilds an environment from its spec, dropping every change made since. */
    public Environment reset(String name) {
        Environment current = require(name).environment();
        Environment fresh = EnvironmentFactory.create(name, current.spec(), applications());
        synchronized (this) {
            environments.put(name, Deployment.of(fresh));
        }
        onChange.run();
        return fresh;
    }

    public synchronized void removeEnvironment(String name) {
        if (environments.remove(name) == null) {
            throw new IllegalArgumentException("no environment '" + name + "'");
        }
        onChange.run();
    }

    public synchronized Optional<Deployment> deployment(String name) {
        return Optional.ofNullable(environments.get(name));
    }

    public Deployment require(String name) {
        return deployment(name).orElseThrow(() -> new IllegalArgumentException("no environment '" + name + "'"));
    }

    public synchronized Collection<Deployment> deployments() {
        return new ArrayList<>(environments.values());
    }

    public String environmentUrl(String name) {
        return baseUrl() + name;
    }

    public String httpsEnvironmentUrl(String name) {
        return httpsBaseUrl() + name;
    }

    /**
     * Whether {@code url} names an environment of this emulator (optionally {@code environment} in particular):
     * its http or https URL, with its host name, localhost or 127.0.0.1, with or without a trailing slash.
     */
    public boolean namesEnvironment(String url, String environment) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost();
            if (host == null || !(host.equalsIgnoreCase(hostName) || host.equals("localhost") || host.equals("127.0.0.1"))) {
                return false;
            }
            if (uri.getPort() != port && uri.getPort() != httpsPort) {
                return false;
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            String name = path.replaceAll("^/+", "").replaceAll("/+$", "");
            return environment == null ? deployment(name).isPresent() : name.equals(environment);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Changes the MaxLength of a text column (to replay rows that were too long). */
    public Column widen(String environment, String table, String column, int maxLength) {
        Table found = table(environment, table);
        Column existing = found.column(column).orElseThrow(() -> new IllegalArgumentException(
                "table '" + table + "' has no column '" + column + "'"));
        if (!existing.type().isText()) {
            throw new IllegalArgumentException("column '" + column + "' is " + existing.type() + ", not text");
        }
        Environment env = require(environment).environment();
        return env.store().write(() -> found.replaceColumn(existing.toBuilder().maxLength(maxLength).build()));
    }

    /** Switches a table's support of the bulk messages (its sdkmessagefilter rows follow). */
    public void bulkOperations(String environment, String table, boolean supported) {
        table(environment, table);
        require(environment).environment().bulkOperations(table, supported);
    }

    public Table table(String environment, String table) {
        return require(environment).environment().schema().table(table)
                .orElseThrow(() -> new IllegalArgumentException("environment '" + environment + "' has no table '" + table + "'"));
    }

    /** Row counts of every environment, by environment then table. */
    public Map<String, Map<String, Long>> rowCounts() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (Deployment deployment : deployments()) {
            counts.put(deployment.environment().name(), deployment.environment().rowCounts());
        }
        return counts;
    }
}
