package io.dvmigrate.dataverse.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.dvmigrate.dataverse.config.AppUser;
import io.dvmigrate.dataverse.config.ConnectionSettings;
import io.dvmigrate.dataverse.config.Credential;
import io.dvmigrate.dataverse.error.CredentialsRejected;
import io.dvmigrate.dataverse.error.DataverseError;
import io.dvmigrate.dataverse.error.DataverseException;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.error.RequestLine;
import io.dvmigrate.dataverse.error.ServiceUnreachable;

import javax.net.ssl.SSLSocketFactory;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bearer tokens for one application user, through MSAL4J's client-credentials flow. The token is cached here and
 * replaced before it expires: MSAL's own cache never hits for an authority on a non-default port, and a fresh
 * MSAL application per acquisition means the secret is read from its reference only at that moment.
 * One thread refreshes while the others go on with the still-valid token.
 */
public final class TokenSource {

    private static final int STATUS_SERVER_ERROR = 500;
    private static final int STATUS_TOO_MANY_REQUESTS = 429;

    private final String environment;
    private final ConnectionSettings settings;
    private final AppUser user;
    private final SSLSocketFactory sslSocketFactory;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile AccessToken current;

    public TokenSource(ConnectionSettings settings, AppUser user, SSLSocketFactory sslSocketFactory, Clock clock) {
        this.environment = settings.name();
        this.settings = settings;
        this.user = user;
        this.sslSocketFactory = sslSocketFactory;
        this.clock = clock;
    }

    /** A token valid now; acquired or refreshed when due. */
    public AccessToken token() {
        AccessToken token = current;
        Instant now = clock.instant();
        if (token != null && !token.dueForRefresh(now, settings.tokenRefreshMargin())) {
            return token;
        }
        if (token != null && !token.expired(now)) {
            // due but still valid: whoever gets the lock refreshes, the others keep using this one
            if (!refreshing.tryLock()) {
                return token;
            }
        } else {
            refreshing.lock();
        }
        try {
            AccessToken latest = current;
            if (latest != token && latest != null && !latest.dueForRefresh(clock.instant(), settings.tokenRefreshMargin())) {
                return latest;
            }
            AccessToken fresh = acquire();
            current = fresh;
            return fresh;
        } finally {
            refreshing.unlock();
        }
    }

    /** Dataverse rejected {@code token}: forget it, so the next {@link #token()} acquires a new one. */
    public void invalidate(AccessToken rejected) {
        refreshing.lock();
        try {
            if (current == rejected) {
                current = null;
            }
        } finally {
            refreshing.unlock();
        }
    }

    private AccessToken acquire() {
        Instant requestedAt = clock.instant();
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication.builder(user.clientId(), credential())
                    .authority(settings.authority().toString())
                    // no call to login.microsoftonline.com for instance metadata: it would hang on a closed network
                    .instanceDiscovery(false)
                    .connectTimeoutForDefaultHttpClient((int) settings.connectTimeout().toMillis())
                    .readTimeoutForDefaultHttpClient((int) Duration.ofSeconds(60).toMillis());
            if (sslSocketFactory != null) {
                builder.sslSocketFactory(sslSocketFactory);
            }
            IAuthenticationResult result = builder.build()
                    .acquireToken(ClientCredentialParameters.builder(Set.of(settings.scope())).build())
                    .get(2, TimeUnit.MINUTES);
            Instant expiresOn = result.expiresOnDate().toInstant();
            return new AccessToken(result.accessToken(), requestedAt, expiresOn);
        } catch (ExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new ServiceUnreachable(environment, settings.authority(), "no token response within 2 minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachable(environment, settings.authority(), "interrupted while waiting for a token", e);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("environment '" + environment + "': authority " + settings.authority() + " is not a valid URL", e);
        }
    }

    private IClientCredential credential() {
        return switch (user.credential()) {
            case Credential.ClientSecret secret -> ClientCredentialFactory.createFromSecret(secret.secret().resolve(environment).reveal());
            case Credential.ClientCertificate certificate -> CertificateCredentials.load(environment, certificate);
        };
    }

    private DataverseException translate(Throwable failure) {
        if (failure instanceof DataverseException known) {
            return known;
        }
        if (failure instanceof MsalServiceException service) {
            Integer status = service.statusCode();
            if (status != null && (status >= STATUS_SERVER_ERROR || status == STATUS_TOO_MANY_REQUESTS)) {
                return new ServiceUnreachable(environment, settings.authority(), "token endpoint answered HTTP " + status, failure);
            }
            if ("invalid_scope".equals(service.errorCode()) || "invalid_resource".equals(service.errorCode())) {
                // the credentials may be fine: the tenant does not know the environment (a wrong URL or scope)
                return new RequestFailed(environment, new RequestLine("POST", settings.authority().resolve("oauth2/v2.0/token")),
                        new DataverseError(status == null ? 400 : status, service.errorCode(),
                                service.getMessage() + " (scope " + settings.scope() + ")"), 1, List.of());
            }
            // invalid_client, unauthorized_client…: the message is the AADSTS description, never the secret
            return new CredentialsRejected(environment, user.clientId(), service.errorCode() + ": " + service.getMessage(), failure);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new ServiceUnreachable(environment, settings.authority(), root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()), failure);
    }
}
