package io.dvmigrate.dataverse.error;

/** A secret reference could not be resolved: the variable is unset or the file unreadable. Says where it looked. */
public final class SecretUnavailable extends DataverseException {

    public SecretUnavailable(String environment, String reason, Throwable cause) {
        super(environment, "Secret for environment '" + environment + "' is unavailable: " + reason, cause);
    }
}
