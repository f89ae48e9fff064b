package io.dvmigrate.dataverse.config;

import java.util.Objects;

/**
 * An application user of the environment: an Entra app registration (its client id) and its credential. Service
 * protection limits apply per user, so several app users spread load and multiply capacity.
 */
public record AppUser(String clientId, Credential credential) {

    public AppUser {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("an application user needs a client id");
        }
        Objects.requireNonNull(credential, "credential of application user " + clientId);
    }

    public static AppUser withSecret(String clientId, String secretReference) {
        return new AppUser(clientId, new Credential.ClientSecret(SecretRef.parse(secretReference)));
    }
}
