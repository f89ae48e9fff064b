package io.dvmigrate.dataverse.error;

/**
 * Every failure the client reports. Each one names the environment it happened in; none ever carries a secret or a
 * token in its message.
 */
public abstract sealed class DataverseException extends RuntimeException
        permits CredentialsRejected, SecretUnavailable, ServiceUnreachable, RequestFailed {

    private final String environment;

    protected DataverseException(String environment, String message, Throwable cause) {
        super(message, cause);
        this.environment = environment;
    }

    /** The configured name of the environment (for example {@code source}). */
    public String environment() {
        return environment;
    }
}
