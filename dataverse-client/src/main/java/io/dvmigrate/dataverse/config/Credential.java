package io.dvmigrate.dataverse.config;

import java.nio.file.Path;
import java.util.Optional;

/** How an application user proves who it is to the identity provider. */
public sealed interface Credential {

    /** A client secret, by reference. */
    record ClientSecret(SecretRef secret) implements Credential {
    }

    /**
     * A certificate: a PKCS#12 file ({@code .p12}/{@code .pfx}, with its password by reference), or a PEM file holding
     * the certificate and its unencrypted PKCS#8 private key.
     */
    record ClientCertificate(Path file, Optional<SecretRef> password) implements Credential {
    }
}
