package io.dvmigrate.contracts;

/**
 * Why something failed, as Dataverse or a stage said it.
 *
 * @param kind    what the user can do about it (see {@link Kind})
 * @param status  the HTTP status, or 0 when no response came
 * @param code    Dataverse's hex error code, e.g. {@code 0x80044331}; null when there is none
 * @param message the message, never containing a secret
 */
public record ErrorInfo(Kind kind, int status, String code, String message) {
    public enum Kind {
        /** the row itself is wrong for the target (too long, bad option, missing parent, ...) */
        ROW,
        /** the secret is missing or the identity provider or Dataverse rejected it */
        CREDENTIALS,
        /** the environment could not be reached, or kept failing after retries */
        UNREACHABLE,
        /** the application user lacks a privilege */
        PRIVILEGE,
        /** anything else */
        OTHER
    }

    public static ErrorInfo row(int status, String code, String message) {
        return new ErrorInfo(Kind.ROW, status, code, message);
    }
}
