package io.dvmigrate.emulator.protection;

/** The gate's answer to a request: a {@link Ticket} to go on, or a {@link Throttling} (429). */
public sealed interface Admission permits Ticket, Throttling {
}
