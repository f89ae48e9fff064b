package io.dvmigrate.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An emulator other containers reach by a name ({@code --hostname emulator} in docker-compose.yml): its URLs, the
 * token audiences and the HTTPS certificate use that name. This machine cannot resolve it, so requests go to
 * localhost, where Docker's DNS would send them, carrying what the services would send.
 */
class HostNameTest {
    private static DataverseEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = DataverseEmulator.builder().hostName("emulator").environment("source", "demo-schema").start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void urlsNameTheHostAndTokensForItAreAccepted() {
        assertThat(emulator.environmentUrl("source")).isEqualTo("http://emulator:" + emulator.port() + "/source");
        assertThat(emulator.authority()).isEqualTo("https://emulator:" + emulator.httpsPort() + "/dvm/");
        String local = "http://localhost:" + emulator.port() + "/";

        TestClient.Response token = tokenFor(local, emulator.environmentUrl("source"));
        assertThat(token.status()).isEqualTo(200);
        TestClient.Response whoAmI = TestClient.send(HttpRequest.newBuilder(
                        URI.create(local + "source/api/data/v9.2/WhoAmI"))
                .header("Authorization", "Bearer " + token.json().get("access_token").asText()).build());
        assertThat(whoAmI.status()).isEqualTo(200);

        assertThat(tokenFor(local, "http://localhost:" + emulator.port() + "/source").status()).isEqualTo(200);
        TestClient.Response elsewhere = tokenFor(local, "http://elsewhere:" + emulator.port() + "/source");
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.json().get("error_description").asText()).startsWith("AADSTS500011");
    }

    @Test
    void theCertificatePassesHostnameVerificationForTheHostOnly() throws Exception {
        handshake("emulator");
        handshake("localhost");
        assertThatThrownBy(() -> handshake("elsewhere")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aNameThatIsNotADnsNameIsRefused() {
        assertThatThrownBy(() -> DataverseEmulator.builder().hostName("dataverse_emulator"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dataverse_emulator'");
        assertThatThrownBy(() -> DataverseEmulator.builder().hostName("10.0.0.5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DNS name");
    }

    private static TestClient.Response tokenFor(String base, String resource) {
        return TestClient.tokenRequest(base + "dvm/oauth2/v2.0/token", Map.of("grant_type", "client_credentials",
                "client_id", "dvm-local", "client_secret", "dvm-local-secret", "scope", resource + "/.default"));
    }

    /** A TLS handshake with 127.0.0.1 that verifies the certificate against {@code host}, as an HTTPS client of it would. */
    private static void handshake(String host) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(emulator.certificateFile())) {
            trusted.setCertificateEntry("emulator", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (Socket plain = new Socket("127.0.0.1", emulator.httpsPort());
             SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, emulator.httpsPort(), false)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
        }
    }
}
