package io.dvmigrate.stack;

/** A piece of the local stack could not start or stop; the message says which and why, with the end of its log. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
