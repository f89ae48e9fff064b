package io.dvmigrate.emulator.auth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.UUID;

/** An RS256 signing key with its key id, as published in the JWKS. */
public record SigningKey(String keyId, KeyPair keys) {

    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new SigningKey(UUID.randomUUID().toString().replace("-", "").substring(0, 27), generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate RSA keys", e);
        }
    }

    byte[] sign(byte[] content) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with RS256", e);
        }
    }

    boolean verify(byte[] content, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(keys.getPublic());
            signature.update(content);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The modulus and exponent, base64url, for the JWKS document. */
    public String modulus() {
        return unsigned(((RSAPublicKey) keys.getPublic()).getModulus());
    }

    public String exponent() {
        return unsigned(((RSAPublicKey) keys.getPublic()).getPublicExponent());
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + "]";
    }
}
