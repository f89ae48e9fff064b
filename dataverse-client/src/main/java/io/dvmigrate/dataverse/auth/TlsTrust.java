package io.dvmigrate.dataverse.auth;

import io.dvmigrate.dataverse.config.ConnectionSettings;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * The TLS trust an environment's connections use, for Dataverse and for the authority alike: the JVM's CAs, plus
 * a configured PEM certificate (a local HTTPS identity provider such as the emulator's), or, in the explicit and
 * loopback-only local mode, any certificate at all.
 */
public final class TlsTrust {

    private static final System.Logger LOG = System.getLogger(TlsTrust.class.getName());

    private TlsTrust() {
    }

    public static SSLContext sslContext(ConnectionSettings settings) {
        try {
            if (settings.insecureTrustAnyCertificateOnLoopback()) {
                LOG.log(System.Logger.Level.WARNING, "Environment ''{0}'': TLS certificates are NOT verified"
                        + " (insecureTrustAnyCertificateOnLoopback, loopback hosts only). Never use this outside local testing.",
                        settings.name());
                return context(new TrustManager[] {new AnyCertificate()});
            }
            if (settings.trustCertificate().isPresent()) {
                return context(withExtraCertificates(settings.trustCertificate().get()));
            }
            return SSLContext.getDefault();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("environment '" + settings.name() + "': cannot set up TLS trust from "
                    + settings.trustCertificate().map(Path::toString).orElse("the JVM's defaults") + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext context(TrustManager[] trustManagers) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers, null);
        return context;
    }

    /** One trust store holding the JVM's CAs and every certificate of the PEM file. */
    private static TrustManager[] withExtraCertificates(Path pem) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        int n = 0;
        for (TrustManager manager : defaults.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate ca : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("jvm-" + n++, ca);
                }
            }
        }
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(pem)) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (extra.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        for (Certificate certificate : extra) {
            store.setCertificateEntry("configured-" + n++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** Accepts every certificate and skips host name checks: the loopback-only local mode. */
    private static final class AnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
