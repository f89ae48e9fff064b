package io.dvmigrate.dataverse.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything needed to talk to one Dataverse environment. Holds secret <em>references</em> only; printing it is safe.
 *
 * @param name              the environment's name in the plan, used in errors and metric tags
 * @param serviceRoot       the Web API root, ending in {@code /api/data/v9.2/}
 * @param tenant            the Entra tenant (id or domain)
 * @param authority         where tokens come from; {@code https://login.microsoftonline.com/<tenant>/} by default,
 *                          another host for sovereign clouds or a local identity provider
 * @param scope             the token scope; {@code <organisation URL>/.default} by default
 * @param users             the application users: the first is the main one, the others spread load
 * @param trustCertificate  a PEM certificate trusted in addition to the JVM's CAs (a local HTTPS authority)
 * @param insecureTrustAnyCertificateOnLoopback local testing only: accept any TLS certificate, and only for
 *                          loopback hosts (refused for any other host)
 * @param bypass            business logic skipped by writes
 * @param maxConcurrency    most requests in flight per application user (the adaptive limit never exceeds it)
 * @param requestTimeout    longest wait for a response (bulk writes of large rows can take minutes)
 * @param connectTimeout    longest wait for a connection
 * @param tokenRefreshMargin refresh a token this long before it expires
 * @param retry             retry and backoff bounds
 */
public record ConnectionSettings(String name, URI serviceRoot, String tenant, URI authority, String scope,
                                 List<AppUser> users, Optional<Path> trustCertificate,
                                 boolean insecureTrustAnyCertificateOnLoopback, Bypass bypass, int maxConcurrency,
                                 Duration requestTimeout, Duration connectTimeout, Duration tokenRefreshMargin,
                                 RetryPolicy retry) {

    public static final String DEFAULT_API_PATH = "api/data/v9.2/";

    public ConnectionSettings {
        require(name != null && !name.isBlank(), "an environment needs a name");
        require(serviceRoot != null, "environment '" + name + "' needs a service root URL");
        require(serviceRoot.isAbsolute() && ("https".equals(serviceRoot.getScheme()) || "http".equals(serviceRoot.getScheme())),
                "service root of environment '" + name + "' must be an absolute http(s) URL, was " + serviceRoot);
        require(authority != null && "https".equals(authority.getScheme()),
                "authority of environment '" + name + "' must be an https URL, was " + authority);
        require(users != null && !users.isEmpty(), "environment '" + name + "' needs at least one application user");
        require(maxConcurrency >= 1, "maxConcurrency of environment '" + name + "' must be at least 1");
        require(!insecureTrustAnyCertificateOnLoopback || isLoopback(serviceRoot) && isLoopback(authority),
                "environment '" + name + "': insecureTrustAnyCertificateOnLoopback is only allowed when both the service root"
                        + " and the authority are on a loopback host");
        users = List.copyOf(users);
        long distinct = users.stream().map(AppUser::clientId).distinct().count();
        require(distinct == users.size(), "environment '" + name + "' lists an application user twice");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The same settings with another retry policy and request timeout. */
    public ConnectionSettings withRetry(RetryPolicy policy, Duration timeout) {
        return new ConnectionSettings(name, serviceRoot, tenant, authority, scope, users, trustCertificate,
                insecureTrustAnyCertificateOnLoopback, bypass, maxConcurrency, timeout, connectTimeout, tokenRefreshMargin, policy);
    }

    /** The organisation URL, the token's resource: the service root without {@code /api/data/v9.x/}. */
    static String organisationUrl(URI serviceRoot) {
        String root = serviceRoot.toString();
        int api = root.indexOf("/api/data/");
        return api < 0 ? root.replaceAll("/+$", "") : root.substring(0, api);
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static final class Builder {
        private final String name;
        private URI serviceRoot;
        private String tenant;
        private URI authority;
        private String scope;
        private final List<AppUser> users = new ArrayList<>();
        private Path trustCertificate;
        private boolean insecureTrustAnyCertificateOnLoopback;
        private Bypass bypass = Bypass.NONE;
        private int maxConcurrency = 52;
        private Duration requestTimeout = Duration.ofMinutes(2);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration tokenRefreshMargin = Duration.ofMinutes(5);
        private RetryPolicy retry = RetryPolicy.DEFAULT;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * The environment URL: either the Web API root ({@code https://org.crm.dynamics.com/api/data/v9.2/}) or the
         * organisation URL ({@code https://org.crm.dynamics.com}), to which {@code api/data/v9.2/} is added.
         */
        public Builder serviceRoot(String url) {
            String withSlash = url.endsWith("/") ? url : url + "/";
            this.serviceRoot = URI.create(withSlash.contains("/api/data/") ? withSlash : withSlash + DEFAULT_API_PATH);
            return this;
        }

        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        public Builder authority(String url) {
            this.authority = URI.create(url.endsWith("/") ? url : url + "/");
            return this;
        }

        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /** The main application user with a client secret reference ({@code env:VAR} or {@code file:PATH}). */
        public Builder clientSecret(String clientId, String secretReference) {
            return user(AppUser.withSecret(clientId, secretReference));
        }

        /** The main application user with a certificate. */
        public Builder clientCertificate(String clientId, Path file, String passwordReference) {
            return user(new AppUser(clientId, new Credential.ClientCertificate(file,
                    Optional.ofNullable(passwordReference).map(SecretRef::parse))));
        }

        /** Adds an application user; the first one added is the main one. */
        public Builder user(AppUser user) {
            users.add(user);
            return this;
        }

        public Builder trustCertificate(Path pem) {
            this.trustCertificate = pem;
            return this;
        }

        /** Local testing only, and only for loopback hosts: accept any TLS certificate. Logged as a warning. */
        public Builder insecureTrustAnyCertificateOnLoopback() {
            this.insecureTrustAnyCertificateOnLoopback = true;
            return this;
        }

        public Builder bypass(Bypass bypass) {
            this.bypass = bypass;
            return this;
        }

        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder tokenRefreshMargin(Duration margin) {
            this.tokenRefreshMargin = margin;
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        public ConnectionSettings build() {
            require(serviceRoot != null, "environment '" + name + "' needs a service root URL");
            require(authority != null || tenant != null && !tenant.isBlank(),
                    "environment '" + name + "' needs a tenant (or an explicit authority)");
            URI effectiveAuthority = authority != null ? authority : URI.create("https://login.microsoftonline.com/" + tenant + "/");
            String effectiveScope = scope != null ? scope : organisationUrl(serviceRoot) + "/.default";
            return new ConnectionSettings(name, serviceRoot, tenant, effectiveAuthority, effectiveScope, users,
                    Optional.ofNullable(trustCertificate), insecureTrustAnyCertificateOnLoopback, bypass, maxConcurrency,
                    requestTimeout, connectTimeout, tokenRefreshMargin, retry);
        }
    }
}
