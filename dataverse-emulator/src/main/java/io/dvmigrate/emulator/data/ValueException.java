package io.dvmigrate.emulator.data;

/** A value does not fit its column: the message says which value and why. */
public final class ValueException extends RuntimeException {
    public ValueException(String message) {
        super(message);
    }
}
