package io.dvmigrate.loader.messaging;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.EnvironmentRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many chunks this loader instance writes at once: a plan's {@code write.maxParallelism} per table, and
 * {@code chunksPerUser} for each application user of the target, since each user brings its own service-protection
 * budget. A chunk passes the table's gate first, then the target's, so no two chunks wait on each other.
 */
final class ChunkGates {
    private static final Semaphore UNLIMITED = new Semaphore(Integer.MAX_VALUE);

    private final int chunksPerUser;
    private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();

    ChunkGates(int chunksPerUser) {
        this.chunksPerUser = chunksPerUser;
    }

    /** Waits until the chunk may be written; close the pass when it is done. */
    Pass enter(Chunk chunk) {
        Semaphore table = tableGate(chunk);
        Semaphore target = targetGate(chunk);
        table.acquireUninterruptibly();
        target.acquireUninterruptibly();
        return () -> {
            target.release();
            table.release();
        };
    }

    /** A chunk's permission to be written. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    private Semaphore tableGate(Chunk chunk) {
        int limit = chunk.header().job().write().maxParallelism();
        return limit <= 0 ? UNLIMITED : gates.computeIfAbsent("table " + chunk.id().run() + "/" + chunk.id().table(),
                key -> new Semaphore(limit));
    }

    private Semaphore targetGate(Chunk chunk) {
        EnvironmentRef target = chunk.header().target();
        int users = 1 + target.extraUsers().size();
        return gates.computeIfAbsent("target " + target.url() + " " + users, key -> new Semaphore(chunksPerUser * users));
    }
}
