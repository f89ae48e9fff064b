package io.dvmigrate.pipeline.extract;

import io.dvmigrate.contracts.Chunk;

/** Where chunks go: the broker, with a bounded number waiting for acknowledgement. */
public interface ChunkSink {
    /** Hands a chunk over; blocks while too many earlier ones are unacknowledged. */
    void send(Chunk chunk);

    /** Returns once every chunk sent so far is acknowledged; throws if one was refused. */
    void flush();
}
