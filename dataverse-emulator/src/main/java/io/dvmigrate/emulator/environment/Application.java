package io.dvmigrate.emulator.environment;

import java.util.UUID;

/**
 * An Entra application registered with the emulator's token issuer, and the application user it becomes in every
 * environment. The secret never appears in {@link #toString()}.
 */
public record Application(String tenant, String clientId, String secret) {

    public static final String DEFAULT_TENANT = "dvm";
    public static final String DEFAULT_CLIENT_ID = "dvm-local";
    public static final String DEFAULT_SECRET = "dvm-local-secret";

    public static Application defaultApplication() {
        return new Application(DEFAULT_TENANT, DEFAULT_CLIENT_ID, DEFAULT_SECRET);
    }

    /** The application (client) id as a GUID: the client id itself when it is one, else derived from it. */
    public UUID applicationId() {
        try {
            return UUID.fromString(clientId);
        } catch (IllegalArgumentException e) {
            return Ids.of("application", clientId);
        }
    }

    /** Parses {@code CLIENT_ID:SECRET} or {@code TENANT/CLIENT_ID:SECRET}. */
    public static Application parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("an application is CLIENT_ID:SECRET (or TENANT/CLIENT_ID:SECRET)");
        }
        String id = text.substring(0, colon);
        String secret = text.substring(colon + 1);
        int slash = id.indexOf('/');
        return slash < 0 ? new Application(DEFAULT_TENANT, id, secret)
                : new Application(id.substring(0, slash), id.substring(slash + 1), secret);
    }

    @Override
    public String toString() {
        return "Application[tenant=" + tenant + ", clientId=" + clientId + "]";
    }
}
