package io.dvmigrate.emulator.odata;

/**
 * An error the Web API answers with: the HTTP status and Dataverse's {@code {"error":{"code","message"}}} body.
 * {@link Errors} holds the real codes and messages.
 */
public final class ODataException extends RuntimeException {
    private final int status;
    private final String code;
    private final int targetIndex;

    public ODataException(int status, String code, String message) {
        this(status, code, message, -1);
    }

    private ODataException(int status, String code, String message, int targetIndex) {
        super(message);
        this.status = status;
        this.code = code;
        this.targetIndex = targetIndex;
    }

    /** The same error, marked with the index of the bulk target that caused it. */
    public ODataException atTarget(int index) {
        return new ODataException(status, code, getMessage(), index);
    }

    /** The index of the failing item of a bulk request's Targets, or -1. */
    public int targetIndex() {
        return targetIndex;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
