package io.dvmigrate.dataverse.config;

/** A resolved secret, held only for the moment it is used. Prints as a mask. */
public final class Secret {

    private final String value;

    Secret(String value) {
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
