package io.dvmigrate.emulator;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The token issuer (HTTP and HTTPS, MSAL4J), the discovery document, and the Web API's 401s. */
class AuthTest {
    private static DataverseEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = DataverseEmulator.builder().environment("source", "demo-schema").environment("target", "demo-schema")
                .application("second-app", "second-secret").start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void msal4jGetsATokenFromTheHttpsEndpointAndTheWebApiAcceptsIt() throws Exception {
        ConfidentialClientApplication app = ConfidentialClientApplication
                .builder("dvm-local", ClientCredentialFactory.createFromSecret("dvm-local-secret"))
                .authority(emulator.authority())
                .instanceDiscovery(false)
                .sslSocketFactory(trusting().getSocketFactory())
                .build();
        IAuthenticationResult result = app.acquireToken(ClientCredentialParameters
                .builder(Set.of(emulator.httpsEnvironmentUrl("source") + "/.default")).build()).get();
        assertThat(result.accessToken()).isNotBlank();
        assertThat(result.expiresOnDate()).isAfter(new java.util.Date());

        HttpClient https = HttpClient.newBuilder().sslContext(trusting()).build();
        HttpResponse<String> whoAmI = https.send(HttpRequest.newBuilder(URI.create(emulator.httpsEnvironmentUrl("source")
                        + "/api/data/v9.2/WhoAmI")).header("Authorization", "Bearer " + result.accessToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(whoAmI.statusCode()).isEqualTo(200);
        assertThat(whoAmI.headers().firstValue("x-ms-dop-hint")).hasValue("8");
        // a token requested for the https URL works over http too: both name the same environment
        TestClient plain = new TestClient(emulator, "source", result.accessToken());
        assertThat(plain.get("WhoAmI").status()).isEqualTo(200);
    }

    @Test
    void theDiscoveryDocumentNamesItsAuthorityAsIssuer() {
        TestClient.Response discovery = TestClient.send(HttpRequest.newBuilder(
                URI.create(emulator.baseUrl() + "dvm/v2.0/.well-known/openid-configuration")).build());
        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.json().get("issuer").asText()).isEqualTo(emulator.baseUrl() + "dvm/v2.0");
        assertThat(discovery.json().get("token_endpoint").asText()).isEqualTo(emulator.baseUrl() + "dvm/oauth2/v2.0/token");
        TestClient.Response keys = TestClient.send(HttpRequest.newBuilder(
                URI.create(discovery.json().get("jwks_uri").asText())).build());
        assertThat(keys.json().get("keys").get(0).get("kty").asText()).isEqualTo("RSA");
    }

    @Test
    void theTokenEndpointAnswersLikeEntraId() {
        TestClient.Response token = token("dvm-local", "dvm-local-secret", emulator.environmentUrl("source") + "/.default");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().get("expires_in").asLong()).isEqualTo(3599);
        String[] parts = token.json().get("access_token").asText().split("\\.");
        assertThat(parts).hasSize(3);
        String header = new String(java.util.Base64.getUrlDecoder().decode(parts[0]));
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header).contains("\"alg\":\"RS256\"");
        assertThat(payload).contains("\"aud\":\"" + emulator.environmentUrl("source") + "\"").contains("\"appid\":\"dvm-local\"");

        TestClient.Response wrongSecret = token("dvm-local", "nope", emulator.environmentUrl("source") + "/.default");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(wrongSecret.json().get("error_description").asText()).startsWith("AADSTS7000215").doesNotContain("nope");

        TestClient.Response unknownClient = token("who", "x", emulator.environmentUrl("source") + "/.default");
        assertThat(unknownClient.status()).isEqualTo(400);
        assertThat(unknownClient.json().get("error_description").asText()).startsWith("AADSTS700016");

        TestClient.Response unknownResource = token("dvm-local", "dvm-local-secret", emulator.baseUrl() + "nowhere/.default");
        assertThat(unknownResource.status()).isEqualTo(400);
        assertThat(unknownResource.json().get("error_description").asText()).startsWith("AADSTS500011");
    }

    @Test
    void theWebApiRefusesMissingForeignAndForgedTokens() {
        TestClient.Response missing = TestClient.send(HttpRequest.newBuilder(
                URI.create(emulator.webApiUrl("source") + "WhoAmI")).build());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer authorization_uri=");
        assertThat(missing.errorMessage()).startsWith("MissingCrmAuthenticationToken");

        TestClient forTarget = TestClient.of(emulator, "target");
        TestClient.Response wrongAudience = new TestClient(emulator, "source", forTarget.token()).get("WhoAmI");
        assertThat(wrongAudience.status()).isEqualTo(401);
        assertThat(wrongAudience.errorMessage()).startsWith("UnauthorizedAccess");

        String token = forTarget.token();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        TestClient.Response badSignature = new TestClient(emulator, "target", forged).get("WhoAmI");
        assertThat(badSignature.status()).isEqualTo(401);
        assertThat(badSignature.errorMessage()).startsWith("InvalidAuthTicket");
    }

    @Test
    void tokensExpireAndARotatedKeyInvalidatesOldTokens() throws Exception {
        try (DataverseEmulator shortLived = DataverseEmulator.builder().environment("env", "demo-schema")
                .tokenLifetime(Duration.ofSeconds(2)).start()) {
            TestClient client = TestClient.of(shortLived, "env");
            assertThat(client.get("WhoAmI").status()).isEqualTo(200);
            Thread.sleep(3100);
            TestClient.Response expired = client.get("WhoAmI");
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.errorMessage()).startsWith("ExpiredAuthTicket");

            shortLived.admin().tokenLifetime(Duration.ofHours(1));
            TestClient fresh = TestClient.of(shortLived, "env");
            assertThat(fresh.get("WhoAmI").status()).isEqualTo(200);
            shortLived.admin().rotateSigningKey();
            assertThat(fresh.get("WhoAmI").status()).isEqualTo(401);
            assertThat(TestClient.of(shortLived, "env").get("WhoAmI").status()).isEqualTo(200);
        }
    }

    @Test
    void eachApplicationIsItsOwnApplicationUser() {
        TestClient first = TestClient.of(emulator, "source");
        TestClient second = TestClient.of(emulator, "source", "second-app", "second-secret");
        String firstUser = first.get("WhoAmI").json().get("UserId").asText();
        String secondUser = second.get("WhoAmI").json().get("UserId").asText();
        assertThat(firstUser).isNotEqualTo(secondUser);
        TestClient.Response user = first.get("systemusers(" + secondUser + ")?$select=fullname,applicationid");
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.json().get("fullname").asText()).isEqualTo("# second-app");
        assertThat(user.json().get("applicationid").isNull()).isFalse();
        // the same application has a different user id in another environment, as in another tenant
        assertThat(TestClient.of(emulator, "target").get("WhoAmI").json().get("UserId").asText()).isNotEqualTo(firstUser);
    }

    private static TestClient.Response token(String clientId, String secret, String scope) {
        return TestClient.tokenRequest(emulator.baseUrl() + "dvm/oauth2/v2.0/token", Map.of("grant_type",
                "client_credentials", "client_id", clientId, "client_secret", secret, "scope", scope));
    }

    private static SSLContext trusting() throws Exception {
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(emulator.certificateFile())) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("emulator", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
