package io.dvmigrate.contracts;

/** A message on a topic that cannot be decoded: a producer bug or a foreign message, never silently skipped. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedMessageException(String message) {
        super(message);
    }
}
