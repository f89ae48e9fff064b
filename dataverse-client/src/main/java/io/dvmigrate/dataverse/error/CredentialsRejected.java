package io.dvmigrate.dataverse.error;

/**
 * The identity provider or Dataverse refused the application user's credentials (a wrong or expired secret, an app
 * that is not an application user of the environment, a token Dataverse keeps rejecting after a refresh).
 * Callers turn this into "credentials required" for the environment.
 */
public final class CredentialsRejected extends DataverseException {

    private final String clientId;

    public CredentialsRejected(String environment, String clientId, String reason, Throwable cause) {
        super(environment, "Credentials of application " + clientId + " were rejected for environment '" + environment
                + "': " + reason, cause);
        this.clientId = clientId;
    }

    public String clientId() {
        return clientId;
    }
}
