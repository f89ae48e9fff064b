package io.dvmigrate.loader.messaging;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkCodec;
import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.pipeline.load.ChunkLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How much this loader instance takes on at once. Before a chunk is decoded, its decoded size must fit in
 * {@code chunkMemoryMb} (chunks wait in the queue compressed, a sixth of their size). Then the requests in flight: a
 * plan's {@code write.maxParallelism} per table, and {@code requestsPerUser} for each application user of the target,
 * since each user brings its own service-protection budget. A chunk counts for the bulk requests it is written with
 * at once (a 5,000-row chunk for five of 1,000 rows; a verify chunk for one, its queries run one after another). It
 * passes the memory gate, then the table's, then the target's, so no two chunks wait on each other.
 */
final class ChunkGates {
    private static final Semaphore UNLIMITED = new Semaphore(Integer.MAX_VALUE);

    private final int requestsPerUser;
    private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();
    /** Kilobytes of decoded chunks; fair, so that a large chunk is not passed over by small ones for ever. */
    private final Semaphore memory;
    private final int memoryKb;

    ChunkGates(int requestsPerUser, int chunkMemoryMb) {
        this.requestsPerUser = requestsPerUser;
        this.memoryKb = chunkMemoryMb * 1024;
        this.memory = new Semaphore(memoryKb, true);
    }

    /** Waits until the message, decoded, fits in the chunk memory; close the pass when the chunk is done. */
    Pass admit(byte[] message) {
        // a chunk bigger than the whole budget still passes, alone, rather than waiting forever
        int kb = (int) Math.min(memoryKb, Math.max(1, ChunkCodec.decodedSize(message) / 1024));
        memory.acquireUninterruptibly(kb);
        return () -> memory.release(kb);
    }

    /** Waits until the chunk may be written; close the pass when it is done. */
    Pass enter(Chunk chunk) {
        int requests = requests(chunk);
        int tableLimit = chunk.header().job().write().maxParallelism();
        Semaphore table = tableLimit <= 0 ? UNLIMITED : gates.computeIfAbsent(
                "table " + chunk.id().run() + "/" + chunk.id().table(), key -> new Semaphore(tableLimit));
        EnvironmentRef target = chunk.header().target();
        int users = 1 + target.extraUsers().size();
        int targetLimit = requestsPerUser * users;
        Semaphore targetGate = gates.computeIfAbsent("target " + target.url() + " " + users,
                key -> new Semaphore(targetLimit));
        // a chunk bigger than a gate still passes, alone, rather than waiting forever
        int tablePermits = tableLimit <= 0 ? requests : Math.min(requests, tableLimit);
        int targetPermits = Math.min(requests, targetLimit);
        table.acquireUninterruptibly(tablePermits);
        targetGate.acquireUninterruptibly(targetPermits);
        return () -> {
            targetGate.release(targetPermits);
            table.release(tablePermits);
        };
    }

    /** The requests the client writes the chunk with at once: one per bulk request, or the verify pass's one query. */
    private static int requests(Chunk chunk) {
        if (chunk.header().job().action() == TableJob.Action.VERIFY) {
            return 1;
        }
        int bulkRows = ChunkLoader.options(chunk.header().job()).maxBulkRows(); // what the loader writes it with
        return Math.max(1, (chunk.rows().count() + bulkRows - 1) / bulkRows);
    }

    /** A chunk's permission to be written. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }
}
