package io.dvmigrate.dataverse;

import java.util.Optional;

/**
 * What testing a connection found, in terms a user can act on.
 *
 * @param detail what exactly is wrong, naming the environment, URL, application or privilege concerned
 */
public record ConnectionCheck(String environment, Outcome outcome, String detail, Optional<WhoAmI> identity) {

    public enum Outcome {
        /** Token acquired, WhoAmI answered, every table asked about could be read. */
        OK,
        /** The secret reference cannot be resolved (variable unset, file unreadable). */
        SECRET_UNAVAILABLE,
        /** The identity provider or Dataverse refused the application's credentials. */
        CREDENTIALS_REJECTED,
        /** The authority or the service root did not answer (DNS, connection, TLS trust, timeout). */
        UNREACHABLE,
        /** Authenticated, but a privilege the migration needs is missing. */
        PRIVILEGE_MISSING,
        /** Anything else Dataverse refused (for example a table that does not exist). */
        FAILED
    }

    public boolean isOk() {
        return outcome == Outcome.OK;
    }
}
