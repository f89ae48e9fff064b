package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.data.Transaction;
import io.dvmigrate.emulator.environment.Environment;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What every write of one atomic unit shares: the environment, the calling user, the undo log, the time of the
 * request, (inside a change set) the URLs that Content-IDs stand for, and the readers of record URLs and entity
 * bodies, which remember what they worked out (a bulk request repeats the same property names and binds thousands
 * of rows to the same few records).
 */
final class WriteContext {
    private final Environment environment;
    private final UUID caller;
    private final Transaction transaction;
    private final Instant now;
    private final Map<String, String> contentIds;
    private final String root;
    private final Addressing addressing;
    private final EntityPayload.Reader payloads;

    WriteContext(Environment environment, UUID caller, Transaction transaction, Instant now,
                 Map<String, String> contentIds, String root) {
        this.environment = environment;
        this.caller = caller;
        this.transaction = transaction;
        this.now = now;
        this.contentIds = contentIds;
        this.root = root;
        this.addressing = new Addressing(environment);
        this.payloads = new EntityPayload.Reader(this);
    }

    Environment environment() { return environment; }
    UUID caller() { return caller; }
    Transaction transaction() { return transaction; }
    Instant now() { return now; }
    Map<String, String> contentIds() { return contentIds; }
    String root() { return root; }
    Addressing addressing() { return addressing; }
    EntityPayload.Reader payloads() { return payloads; }
}
