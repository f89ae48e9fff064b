package io.dvmigrate.emulator.auth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * The HTTPS certificate: self-signed, CN=localhost with the subject alternative names localhost, 127.0.0.1 and the
 * emulator's host name (in a container, the name other containers call it by), made with the JDK alone (a small DER
 * encoder builds the X.509 structure, {@code SHA256withRSA} signs it). It is written to the work directory as PEM
 * (certificate and key) and as a PKCS12 trust store (password {@code changeit}); a certificate already there that
 * names the host is reused, so clients that trust it keep working after a restart.
 */
public final class SelfSignedCertificate {
    public static final String CERTIFICATE_FILE = "emulator-localhost.crt.pem";
    public static final String KEY_FILE = "emulator-localhost.key.pem";
    public static final String TRUST_STORE_FILE = "emulator-truststore.p12";
    public static final String TRUST_STORE_PASSWORD = "changeit";

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Path certificateFile;
    private final Path trustStoreFile;

    private SelfSignedCertificate(X509Certificate certificate, PrivateKey key, Path certificateFile, Path trustStoreFile) {
        this.certificate = certificate;
        this.key = key;
        this.certificateFile = certificateFile;
        this.trustStoreFile = trustStoreFile;
    }

    /**
     * The certificate of {@code directory} for {@code hostName}, made there if it has none (or an expired one, or one
     * that does not name the host).
     */
    public static SelfSignedCertificate in(Path directory, String hostName) {
        try {
            Files.createDirectories(directory);
            Path certificateFile = directory.resolve(CERTIFICATE_FILE);
            Path keyFile = directory.resolve(KEY_FILE);
            Path trustStoreFile = directory.resolve(TRUST_STORE_FILE);
            if (Files.exists(certificateFile) && Files.exists(keyFile) && Files.exists(trustStoreFile)) {
                SelfSignedCertificate existing = read(certificateFile, keyFile, trustStoreFile);
                if (existing != null && existing.names(hostName)) {
                    return existing;
                }
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = generate(keys, hostName);
            Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("dvmigrate-emulator", certificate);
            try (OutputStream out = Files.newOutputStream(trustStoreFile)) {
                trustStore.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            return new SelfSignedCertificate(certificate, keys.getPrivate(), certificateFile, trustStoreFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the HTTPS certificate in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static SelfSignedCertificate read(Path certificateFile, Path keyFile, Path trustStoreFile) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificateFile)));
            certificate.checkValidity(new Date(System.currentTimeMillis() + 86_400_000L));
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(keyFile))));
            return new SelfSignedCertificate(certificate, key, certificateFile, trustStoreFile);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private boolean names(String hostName) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names != null && names.stream()
                    .anyMatch(name -> name.get(1) instanceof String dns && dns.equalsIgnoreCase(hostName));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public Path certificateFile() {
        return certificateFile;
    }

    public Path trustStoreFile() {
        return trustStoreFile;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyPem() {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static X509Certificate generate(KeyPair keys, String hostName) throws GeneralSecurityException {
        byte[] algorithm = sequence(oid(1, 2, 840, 113549, 1, 1, 11), new byte[] {0x05, 0x00});
        byte[] name = sequence(set(sequence(oid(2, 5, 4, 3), tlv(0x0C, "localhost".getBytes(StandardCharsets.UTF_8)))));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] validity = sequence(time(now.minusDays(1)), time(now.plusYears(10)));
        byte[] alternativeNames = sequence(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                tlv(0x87, new byte[] {127, 0, 0, 1}),
                hostName.equalsIgnoreCase("localhost") ? new byte[0]
                        : tlv(0x82, hostName.getBytes(StandardCharsets.US_ASCII)));
        byte[] extensions = tlv(0xA3, sequence(
                sequence(oid(2, 5, 29, 17), tlv(0x04, alternativeNames)),
                sequence(oid(2, 5, 29, 19), tlv(0x04, sequence()))));
        byte[] serial = tlv(0x02, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE).toByteArray());
        byte[] tbs = sequence(tlv(0xA0, tlv(0x02, new byte[] {2})), serial, algorithm, name, validity, name,
                keys.getPublic().getEncoded(), extensions);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(tbs);
        byte[] signed = signature.sign();
        byte[] bits = new byte[signed.length + 1];
        System.arraycopy(signed, 0, bits, 1, signed.length);
        byte[] der = sequence(tbs, algorithm, tlv(0x03, bits));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        certificate.verify(keys.getPublic());
        return certificate;
    }

    private static byte[] time(ZonedDateTime time) {
        return tlv(0x17, time.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int groups = 1;
            for (int rest = arc >> 7; rest > 0; rest >>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int bits = (arc >> (7 * g)) & 0x7F;
                out.write(g == 0 ? bits : bits | 0x80);
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A DER tag-length-value. */
    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] digits = BigInteger.valueOf(length).toByteArray();
            int start = digits[0] == 0 ? 1 : 0;
            out.write(0x80 | (digits.length - start));
            out.write(digits, start, digits.length - start);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    @Override
    public String toString() {
        return "SelfSignedCertificate[" + certificateFile + "]";
    }
}
