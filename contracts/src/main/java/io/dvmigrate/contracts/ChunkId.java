package io.dvmigrate.contracts;

import java.util.UUID;

/** Where a chunk belongs: the unit the orchestrator's ledger counts once, however often it is delivered. */
public record ChunkId(UUID run, String table, Pass pass, int number) {
    /** The Kafka record key: spreads a table's chunks over partitions, so loader instances share them. */
    public String key() {
        return run + "/" + table + "/" + pass + "/" + number;
    }
}
