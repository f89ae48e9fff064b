package io.dvmigrate.service;

import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.dataverse.error.CredentialsRejected;
import io.dvmigrate.dataverse.error.DataverseError;
import io.dvmigrate.dataverse.error.DataverseException;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.error.SecretUnavailable;
import io.dvmigrate.dataverse.error.ServiceUnreachable;

/** Turns what went wrong into the {@link ErrorInfo} that events and dead letters carry. */
public final class Failures {
    private Failures() {
    }

    /** A failure of a whole request or command (not of one row). */
    public static ErrorInfo of(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof DataverseException)) {
            cause = cause.getCause();
        }
        if (cause instanceof CredentialsRejected || cause instanceof SecretUnavailable) {
            return new ErrorInfo(ErrorInfo.Kind.CREDENTIALS, cause instanceof CredentialsRejected ? 401 : 0, null,
                    cause.getMessage());
        }
        if (cause instanceof ServiceUnreachable) {
            return new ErrorInfo(ErrorInfo.Kind.UNREACHABLE, 0, null, cause.getMessage());
        }
        if (cause instanceof RequestFailed failed) {
            DataverseError error = failed.error();
            ErrorInfo.Kind kind = error.isCallerPrivilegeMissing() ? ErrorInfo.Kind.PRIVILEGE : ErrorInfo.Kind.OTHER;
            return new ErrorInfo(kind, error.status(), error.code(), error.message());
        }
        return new ErrorInfo(ErrorInfo.Kind.OTHER, 0, null, describe(failure));
    }

    /**
     * What each layer of a failure said, outermost first ({@code "a row of the chunk is not JSON: Unexpected
     * character…"}): the root cause alone would lose what was being done. Never "null".
     */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable layer = failure; layer != null; layer = layer.getCause()) {
            String message = layer.getMessage();
            if (message != null && text.indexOf(message) < 0) { // wrappers often repeat their cause's message
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
        }
        return text.isEmpty() ? failure.getClass().getName() : text.toString();
    }

    /** A failure of one row, as Dataverse reported it. */
    public static ErrorInfo ofRow(DataverseError error) {
        return ErrorInfo.row(error.status(), error.code(), error.message());
    }
}
