package io.dvmigrate.dataverse.auth;

import com.microsoft.aad.msal4j.IClientCertificate;
import io.dvmigrate.dataverse.config.Credential;
import io.dvmigrate.dataverse.config.SecretRef;
import io.dvmigrate.dataverse.error.SecretUnavailable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Certificate credentials from a real PKCS#12 file made by keytool, and the PEM form of the same key. */
class CertificateCredentialsTest {

    @TempDir
    static Path dir;
    private static Path pkcs12;
    private static Path pem;
    private static Path password;

    @BeforeAll
    static void makeCertificate() throws Exception {
        pkcs12 = dir.resolve("app.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=dvmigrate-test", "-keystore", pkcs12.toString(), "-storetype", "PKCS12",
                "-storepass", "p12-password").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        password = dir.resolve("password");
        Files.writeString(password, "p12-password\n");

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, "p12-password".toCharArray());
        }
        Key key = store.getKey("app", "p12-password".toCharArray());
        Certificate certificate = store.getCertificate("app");
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes());
        pem = dir.resolve("app.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + mime.encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void pkcs12AndPemGiveTheSameCertificate() throws Exception {
        IClientCertificate fromPkcs12 = (IClientCertificate) CertificateCredentials.load("source",
                new Credential.ClientCertificate(pkcs12, Optional.of(SecretRef.file(password))));
        IClientCertificate fromPem = (IClientCertificate) CertificateCredentials.load("source",
                new Credential.ClientCertificate(pem, Optional.empty()));

        assertThat(fromPem.publicCertificateHash()).isEqualTo(fromPkcs12.publicCertificateHash());
        assertThat(fromPem.privateKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void aWrongPasswordOrAMissingKeyIsReportedWithoutTheSecret() throws Exception {
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "not-the-password");
        assertThatThrownBy(() -> CertificateCredentials.load("source",
                new Credential.ClientCertificate(pkcs12, Optional.of(SecretRef.file(wrong)))))
                .isInstanceOf(SecretUnavailable.class)
                .hasMessageContaining("app.p12 cannot be loaded")
                .hasMessageNotContaining("not-the-password");

        Path certificateOnly = dir.resolve("certificate-only.pem");
        String text = Files.readString(pem);
        Files.writeString(certificateOnly, text.substring(0, text.indexOf("-----BEGIN PRIVATE KEY-----")));
        assertThatThrownBy(() -> CertificateCredentials.load("source", new Credential.ClientCertificate(certificateOnly, Optional.empty())))
                .isInstanceOf(SecretUnavailable.class).hasMessageContaining("certificate-only.pem");
    }
}
