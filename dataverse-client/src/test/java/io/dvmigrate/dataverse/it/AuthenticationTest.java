package io.dvmigrate.dataverse.it;

import io.dvmigrate.dataverse.ConnectionCheck;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.WhoAmI;
import io.dvmigrate.dataverse.config.ConnectionSettings;
import io.dvmigrate.dataverse.error.CredentialsRejected;
import io.dvmigrate.dataverse.metrics.ClientMetrics;
import io.dvmigrate.emulator.DataverseEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens from the emulator's HTTPS authority through MSAL4J, over real HTTP. */
class AuthenticationTest {

    private static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(DataverseEmulator.builder().environment("source", "demo").environment("other", "demo-schema"));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void acquiresATokenFromTheHttpsAuthorityAndCallsTheApiOverHttps() {
        try (DataverseClient client = DataverseClient.connect(emulator.httpsSettings("source").build())) {
            WhoAmI me = client.whoAmI();

            assertThat(me.userId()).isNotBlank();
            assertThat(me.organizationId()).isNotBlank();
        }
    }

    @Test
    void theEnvironmentUrlAndTheEmulatorsSecretFileAreEnoughAsTheGuideShows() {
        DataverseEmulator running = emulator.emulator();
        ConnectionSettings settings = ConnectionSettings.builder("source")
                .serviceRoot(running.environmentUrl("source"))
                .authority(running.authority())
                .clientSecret("dvm-local", "file:" + running.secretFile("dvm-local"))
                .trustCertificate(running.certificateFile())
                .build();

        assertThat(settings.serviceRoot().toString()).isEqualTo(running.webApiUrl("source"));
        assertThat(settings.scope()).isEqualTo(running.environmentUrl("source") + "/.default");
        assertThat(DataverseClient.check(settings, "accounts").outcome()).isEqualTo(ConnectionCheck.Outcome.OK);
    }

    @Test
    void aWrongSecretIsCredentialsRejectedNamingTheEnvironmentAndNeverTheSecret() {
        ConnectionSettings settings = ConnectionSettings.builder("source")
                .serviceRoot(emulator.emulator().webApiUrl("source"))
                .authority(emulator.emulator().authority())
                .clientSecret(Emulator.CLIENT_ID, emulator.secretReference("wrong", "not-the-secret-42"))
                .trustCertificate(emulator.emulator().certificateFile())
                .build();
        try (DataverseClient client = DataverseClient.connect(settings)) {
            assertThatThrownBy(client::whoAmI)
                    .isInstanceOfSatisfying(CredentialsRejected.class, e -> {
                        assertThat(e.environment()).isEqualTo("source");
                        assertThat(e.clientId()).isEqualTo(Emulator.CLIENT_ID);
                    })
                    .hasMessageContaining("environment 'source'")
                    .hasMessageNotContaining("not-the-secret-42");
        }
        ConnectionCheck check = DataverseClient.check(settings);
        assertThat(check.outcome()).isEqualTo(ConnectionCheck.Outcome.CREDENTIALS_REJECTED);
    }

    @Test
    void anExpiredTokenIsRefreshedTransparently() throws Exception {
        emulator.emulator().admin().tokenLifetime(Duration.ofSeconds(2));
        try (DataverseClient client = DataverseClient.connect(emulator.settings("source")
                .tokenRefreshMargin(Duration.ZERO).build())) {
            client.whoAmI();
            Thread.sleep(2_500);
            client.whoAmI();
            // a key rotation invalidates the cached token before its expiry: Dataverse says 401, the client refreshes
            emulator.emulator().admin().rotateSigningKey();
            client.whoAmI();

            assertThat(client.meterRegistry().find(ClientMetrics.REQUESTS).tag("status", "401").counter())
                    .as("the expired token was replaced before use; only the rotated key cost a 401")
                    .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
        } finally {
            emulator.emulator().admin().tokenLifetime(Duration.ofSeconds(3599));
        }
    }

    @Test
    void aTokenDataverseKeepsRefusingEndsInCredentialsRejectedAfterOneRefresh() {
        // a token for another environment: the authority issues it, the API refuses its audience every time
        try (DataverseClient client = DataverseClient.connect(emulator.settings("source")
                .scope(emulator.emulator().environmentUrl("other") + "/.default").build())) {
            assertThatThrownBy(client::whoAmI)
                    .isInstanceOf(CredentialsRejected.class)
                    .hasMessageContaining("Dataverse refused a freshly acquired token");
            assertThat(client.meterRegistry().find(ClientMetrics.REQUESTS).tag("status", "401").counter().count())
                    .as("one refresh and retry, then the error").isEqualTo(2.0);
        }
    }

    @Test
    void aConnectionCheckSaysWhatIsWrong() {
        ConnectionCheck ok = DataverseClient.check(emulator.settings("source").build(), "accounts", "contacts");
        assertThat(ok.outcome()).isEqualTo(ConnectionCheck.Outcome.OK);
        assertThat(ok.identity()).isPresent();

        ConnectionCheck missingSecret = DataverseClient.check(ConnectionSettings.builder("source")
                .serviceRoot(emulator.emulator().webApiUrl("source")).authority(emulator.emulator().authority())
                .clientSecret(Emulator.CLIENT_ID, "env:DVM_SURELY_UNSET_SECRET")
                .trustCertificate(emulator.emulator().certificateFile()).build());
        assertThat(missingSecret.outcome()).isEqualTo(ConnectionCheck.Outcome.SECRET_UNAVAILABLE);
        assertThat(missingSecret.detail()).contains("DVM_SURELY_UNSET_SECRET");

        ConnectionCheck unreachable = DataverseClient.check(emulator.settings("source")
                .serviceRoot("http://localhost:1/source/api/data/v9.2/")
                .scope(emulator.emulator().environmentUrl("source") + "/.default").build());
        assertThat(unreachable.outcome()).isEqualTo(ConnectionCheck.Outcome.UNREACHABLE);
        assertThat(unreachable.detail()).contains("http://localhost:1/source/api/data/v9.2/WhoAmI");

        ConnectionCheck unknownEnvironment = DataverseClient.check(emulator.settings("source")
                .serviceRoot("http://localhost:1/nowhere/api/data/v9.2/").build());
        assertThat(unknownEnvironment.outcome()).isEqualTo(ConnectionCheck.Outcome.FAILED);
        assertThat(unknownEnvironment.detail()).contains("invalid_resource", "http://localhost:1/nowhere/.default");

        ConnectionCheck unknownTable = DataverseClient.check(emulator.settings("source").build(), "nosuchtables");
        assertThat(unknownTable.outcome()).isEqualTo(ConnectionCheck.Outcome.FAILED);
        assertThat(unknownTable.detail()).contains("nosuchtables");
    }

    @Test
    void withoutTheEmulatorsCertificateTheAuthorityIsUntrusted() {
        ConnectionSettings untrusted = ConnectionSettings.builder("source")
                .serviceRoot(emulator.emulator().webApiUrl("source")).authority(emulator.emulator().authority())
                .clientSecret(Emulator.CLIENT_ID, emulator.secretReference("ok", Emulator.SECRET)).build();
        ConnectionCheck check = DataverseClient.check(untrusted);
        assertThat(check.outcome()).isEqualTo(ConnectionCheck.Outcome.UNREACHABLE);
        assertThat(check.detail()).contains(emulator.emulator().authority());

        ConnectionSettings local = ConnectionSettings.builder("source")
                .serviceRoot(emulator.emulator().webApiUrl("source")).authority(emulator.emulator().authority())
                .clientSecret(Emulator.CLIENT_ID, emulator.secretReference("ok", Emulator.SECRET))
                .insecureTrustAnyCertificateOnLoopback().build();
        assertThat(DataverseClient.check(local).outcome()).isEqualTo(ConnectionCheck.Outcome.OK);
    }
}
