package io.dvmigrate.loader.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkCodec;
import io.dvmigrate.contracts.ChunkId;
import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.contracts.JsonRows;
import io.dvmigrate.contracts.Match;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.WriteMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ChunkGatesTest {
    private static final UUID RUN = UUID.randomUUID();
    private final ChunkGates gates = new ChunkGates(2, 64);

    @Test
    void aTargetTakesRequestsPerUserForEachOfItsApplicationUsers() throws Exception {
        List<ChunkGates.Pass> oneUser = enterAll(chunk("https://one.example", 0, 0), 2);
        List<ChunkGates.Pass> twoUsers = enterAll(chunk("https://two.example", 1, 0), 4);

        CompletableFuture<ChunkGates.Pass> third = enterLater(chunk("https://one.example", 0, 0));
        CompletableFuture<ChunkGates.Pass> fifth = enterLater(chunk("https://two.example", 1, 0));
        assertWaiting(third);
        assertWaiting(fifth);

        oneUser.get(0).close();
        twoUsers.get(0).close();
        assertThat(third.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(fifth.get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aChunkCountsForTheBulkRequestsItIsWrittenWithAndAVerifyChunkForOne() throws Exception {
        ChunkGates fourRequests = new ChunkGates(4, 64);
        ChunkGates.Pass threeRequests = fourRequests.enter(chunk("https://four.example", 2500, TableJob.Action.UPSERT));
        ChunkGates.Pass oneRequest = fourRequests.enter(chunk("https://four.example", 1000, TableJob.Action.UPSERT));

        assertPassesOnlyOnceClosed(oneRequest,
                enterLater(fourRequests, chunk("https://four.example", 5000, TableJob.Action.VERIFY)));
        assertPassesOnlyOnceClosed(threeRequests,
                enterLater(fourRequests, chunk("https://four.example", 1001, TableJob.Action.UPSERT)));
    }

    @Test
    void aChunkOfMoreRequestsThanTheGateHoldsPassesAlone() throws Exception {
        ChunkGates.Pass fiveRequests = gates.enter(chunk("https://five.example", 5000, TableJob.Action.UPSERT));

        assertPassesOnlyOnceClosed(fiveRequests, enterLater(chunk("https://five.example", 1, TableJob.Action.UPSERT)));
    }

    @Test
    void aTablesMaxParallelismHoldsWithinTheTargetsShare() throws Exception {
        enterAll(chunk("https://three.example", 1, 1), 1);

        CompletableFuture<ChunkGates.Pass> second = enterLater(chunk("https://three.example", 1, 1));
        assertWaiting(second);
    }

    @Test
    void chunksAreAdmittedByTheirDecodedSizeReadFromTheFrameHeader() throws Exception {
        ChunkGates oneMegabyte = new ChunkGates(16, 1);
        byte[] bigChunk = ChunkCodec.encode(chunk("https://memory.example", 100_000, TableJob.Action.UPSERT));
        byte[] smallChunk = ChunkCodec.encode(chunk("https://memory.example", 1, TableJob.Action.UPSERT));
        assertThat(ChunkCodec.decodedSize(bigChunk)).isGreaterThan(300_000).isGreaterThan(10L * bigChunk.length);

        ChunkGates.Pass first = oneMegabyte.admit(bigChunk); // about 300 KB each of the 1,024 KB
        ChunkGates.Pass second = oneMegabyte.admit(bigChunk);
        ChunkGates.Pass third = oneMegabyte.admit(bigChunk);
        CompletableFuture<ChunkGates.Pass> fourth = CompletableFuture.supplyAsync(() -> oneMegabyte.admit(bigChunk));
        assertPassesOnlyOnceClosed(first, fourth);
        second.close();
        third.close();
        // a chunk larger than the whole budget waits for all of it, then passes alone
        byte[] huge = ChunkCodec.encode(chunk("https://memory.example", 600_000, TableJob.Action.UPSERT));
        CompletableFuture<ChunkGates.Pass> alone = CompletableFuture.supplyAsync(() -> oneMegabyte.admit(huge));
        assertPassesOnlyOnceClosed(fourth.get(), alone);
        assertPassesOnlyOnceClosed(alone.get(), CompletableFuture.supplyAsync(() -> oneMegabyte.admit(smallChunk)));
    }

    private List<ChunkGates.Pass> enterAll(Chunk chunk, int times) throws Exception {
        List<ChunkGates.Pass> passes = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            passes.add(enterLater(chunk).get(5, TimeUnit.SECONDS));
        }
        return passes;
    }

    private CompletableFuture<ChunkGates.Pass> enterLater(Chunk chunk) {
        return enterLater(gates, chunk);
    }

    private static CompletableFuture<ChunkGates.Pass> enterLater(ChunkGates gates, Chunk chunk) {
        return CompletableFuture.supplyAsync(() -> gates.enter(chunk));
    }

    /** {@code waiting} is held back until {@code held} is closed, and then passes. */
    private static void assertPassesOnlyOnceClosed(ChunkGates.Pass held, CompletableFuture<ChunkGates.Pass> waiting)
            throws Exception {
        assertWaiting(waiting);
        held.close();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isNotNull();
    }

    private static void assertWaiting(CompletableFuture<ChunkGates.Pass> pass) throws Exception {
        try {
            pass.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("the chunk was let through");
        } catch (TimeoutException expected) {
            // still waiting for a permit
        }
    }

    private static Chunk chunk(String url, int extraUsers, int maxParallelism) {
        return chunk(url, extraUsers, maxParallelism, 0, TableJob.Action.UPSERT);
    }

    /** A chunk of {@code rows} rows for a target of one user, no table limit. */
    private static Chunk chunk(String url, int rows, TableJob.Action action) {
        return chunk(url, 0, 0, rows, action);
    }

    private static Chunk chunk(String url, int extraUsers, int maxParallelism, int rows, TableJob.Action action) {
        List<EnvironmentRef.ApplicationUser> users = new ArrayList<>();
        for (int i = 0; i < extraUsers; i++) {
            users.add(new EnvironmentRef.ApplicationUser("client-" + i, "env:SECRET_" + i));
        }
        EnvironmentRef target = new EnvironmentRef("target", url, "tenant", "client", "env:SECRET", null, null, users);
        TableJob job = new TableJob("account", "accountid", "account", "accounts", "accountid", action,
                Match.byId(), List.of(), List.of(), Map.of(),
                new TableJob.WriteOptions(WriteMode.AUTO, maxParallelism, false, false), null);
        ChunkId id = new ChunkId(RUN, "account", Pass.DATA, 0);
        List<byte[]> rowBytes = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            rowBytes.add("{}".getBytes(StandardCharsets.UTF_8));
        }
        return new Chunk(new Chunk.Header(id, Chunk.Content.TARGET_ROWS, target, job, List.of()),
                JsonRows.of(rowBytes));
    }
}
