package io.dvmigrate.emulator.auth;

import java.time.Instant;

/** The claims of a valid access token the Web API relies on. */
public record Claims(String audience, String clientId, String tenant, Instant expires) {
}
