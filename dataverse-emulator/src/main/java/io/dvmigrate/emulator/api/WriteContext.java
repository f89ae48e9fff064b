package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.data.Transaction;
import io.dvmigrate.emulator.environment.Environment;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What every write of one atomic unit shares: the environment, the calling user, the undo log, the time of the
 * request, and (inside a change set) the URLs that Content-IDs stand for.
 */
record WriteContext(Environment environment, UUID caller, Transaction transaction, Instant now,
                    Map<String, String> contentIds, String root) {
}
