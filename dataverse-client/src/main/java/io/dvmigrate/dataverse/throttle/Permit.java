package io.dvmigrate.dataverse.throttle;

/** The right to send one request as one application user; handed back to the pool with the request's outcome. */
public record Permit(Lane lane, long startedNanos) {
}
