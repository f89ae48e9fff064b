package io.dvmigrate.dataverse.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import io.dvmigrate.dataverse.config.Credential;
import io.dvmigrate.dataverse.config.Secret;
import io.dvmigrate.dataverse.error.SecretUnavailable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads a certificate credential for MSAL from a PKCS#12 file or a PEM file (certificate chain + PKCS#8 key). */
final class CertificateCredentials {

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----");

    private CertificateCredentials() {
    }

    static IClientCredential load(String environment, Credential.ClientCertificate certificate) {
        String name = certificate.file().getFileName().toString().toLowerCase();
        try {
            byte[] content = Files.readAllBytes(certificate.file());
            if (name.endsWith(".p12") || name.endsWith(".pfx")) {
                String password = certificate.password().map(ref -> ref.resolve(environment)).map(Secret::reveal).orElse("");
                try (InputStream in = new ByteArrayInputStream(content)) {
                    return ClientCredentialFactory.createFromCertificate(in, password);
                }
            }
            return fromPem(new String(content, StandardCharsets.US_ASCII), certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new SecretUnavailable(environment, "certificate " + certificate.file() + " cannot be loaded ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static IClientCredential fromPem(String pem, Credential.ClientCertificate certificate) throws GeneralSecurityException {
        Matcher key = PRIVATE_KEY.matcher(pem);
        if (!key.find()) {
            throw new GeneralSecurityException("no unencrypted PKCS#8 private key (BEGIN PRIVATE KEY) in " + certificate.file());
        }
        byte[] der = Base64.getMimeDecoder().decode(key.group(1));
        PrivateKey privateKey = privateKey(der);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        for (Matcher block = CERTIFICATE.matcher(pem); block.find(); ) {
            chain.add((X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(block.group().getBytes(StandardCharsets.US_ASCII))));
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certificate.file());
        }
        return ClientCredentialFactory.createFromCertificateChain(privateKey, chain);
    }

    private static PrivateKey privateKey(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }
}
