package io.dvmigrate.orchestrator.run;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkCodec;
import io.dvmigrate.contracts.ChunkId;
import io.dvmigrate.contracts.DeadLetter;
import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.JsonRows;
import io.dvmigrate.contracts.MalformedMessageException;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.orchestrator.config.OrchestratorConfig;
import io.dvmigrate.orchestrator.planning.CompiledPlan;
import io.dvmigrate.orchestrator.store.RunEntity;
import io.dvmigrate.orchestrator.store.RunStatus;
import io.dvmigrate.orchestrator.store.TableRunEntity;
import io.dvmigrate.service.Sending;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Re-drives a run's dead-lettered rows once their cause is fixed: reads them back from the dead-letter topic, sends
 * each through the stage that rejected it with the job it had (rows the loader refused go straight to the loader,
 * rows the transformer refused go through the transformer again), then verifies the run again. Rows go in dependency
 * order: upserts table by table in load order, then deferred lookups, then associations, then deletes, each phase
 * once the previous one is loaded, so a child never waits for a parent that is still being replayed.
 */
@ApplicationScoped
public class Replay {
    private static final List<TableJob.Action> ACTION_ORDER = List.of(TableJob.Action.UPSERT, TableJob.Action.UPDATE,
            TableJob.Action.ASSOCIATE, TableJob.Action.DELETE);

    private final Emitter<byte[]> toTransformer;
    private final Emitter<byte[]> toLoader;
    private final RunConductor conductor;
    private final RunJournal journal;
    private final Ledger ledger;
    private final EntityManager em;
    private final OrchestratorConfig config;
    private final Map<String, Object> kafka;
    private final Map<UUID, ReplayProgress> inProgress = new ConcurrentHashMap<>();

    public Replay(@Channel("replay-extracted") Emitter<byte[]> toTransformer,
            @Channel("replay-mapped") Emitter<byte[]> toLoader, RunConductor conductor, RunJournal journal,
            Ledger ledger, EntityManager em, OrchestratorConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.toTransformer = toTransformer;
        this.toLoader = toLoader;
        this.conductor = conductor;
        this.journal = journal;
        this.ledger = ledger;
        this.em = em;
        this.config = config;
        this.kafka = kafka;
    }

    /** A phase: chunks that can go together; the next phase waits until these are loaded. */
    private record Phase(List<Chunk> chunks) {
    }

    private static final class ReplayProgress {
        final List<Phase> phases;
        int next;
        Set<String> awaited = Set.of();

        ReplayProgress(List<Phase> phases) {
            this.phases = phases;
        }
    }

    /** Starts replaying; returns the number of rows replayed (0: nothing is dead-lettered). */
    public int start(UUID runId) {
        if (inProgress.containsKey(runId)) {
            throw new ClientErrorException("run " + runId + " is replaying already", Response.Status.CONFLICT);
        }
        RunEntity run = QuarkusTransaction.requiringNew().call(() -> RunEntity.findWithPlan(runId));
        if (!run.runStatus().isFinal() || run.compiledPlan == null) {
            throw new ClientErrorException("run " + runId + " is " + run.status + ": only a finished run that got as"
                    + " far as loading can be replayed", Response.Status.CONFLICT);
        }
        Set<String> open = QuarkusTransaction.requiringNew().call(() -> openFailures(runId));
        Map<String, DeadLetterRow> letters = readDeadLetters(runId, open);
        if (letters.isEmpty()) {
            return 0;
        }
        CompiledPlan plan = conductor.planOf(run);
        List<Phase> phases = phases(runId, plan, Json.MAPPER.convertValue(run.target, EnvironmentRef.class),
                letters.values());
        QuarkusTransaction.requiringNew().run(() -> prepare(runId, phases, letters.values()));
        inProgress.put(runId, new ReplayProgress(phases));
        advance(runId);
        return letters.size();
    }

    /** Sends the next phase of each replay whose current phase is loaded; verifies again after the last. */
    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void advanceAll() {
        inProgress.keySet().forEach(this::advance);
    }

    private void advance(UUID runId) {
        ReplayProgress progress = inProgress.get(runId);
        if (progress == null || !loaded(runId, progress.awaited)) {
            return;
        }
        if (progress.next == progress.phases.size()) {
            inProgress.remove(runId);
            conductor.verifyAgain(runId);
            return;
        }
        Phase phase = progress.phases.get(progress.next++);
        Set<String> awaited = new HashSet<>();
        for (Chunk chunk : phase.chunks()) {
            Emitter<byte[]> stage = chunk.header().content() == Chunk.Content.SOURCE_ROWS ? toTransformer : toLoader;
            Sending.sendAndAwait(stage, chunk.id().key(), ChunkCodec.encode(chunk));
            awaited.add(chunk.id().table() + "/" + chunk.id().number());
        }
        progress.awaited = awaited;
    }

    private boolean loaded(UUID runId, Set<String> chunks) {
        if (chunks.isEmpty()) {
            return true;
        }
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select table_name || '/' || chunk from chunk_ledger where run_id = ?1 and pass = 'REPLAY'")
                .setParameter(1, runId).getResultList());
        Set<String> done = new HashSet<>();
        rows.forEach(r -> done.add(r.toString()));
        return done.containsAll(chunks);
    }

    // ---- reading the dead letters back

    /** A dead-lettered row, with the pass it failed in. */
    private record DeadLetterRow(DeadLetter letter, String table, Pass pass) {
    }

    private Set<String> openFailures(UUID runId) {
        Set<String> open = new HashSet<>();
        for (Object row : em.createNativeQuery("select table_name || '/' || pass || '/' || row_id from row_failure"
                + " where run_id = ?1 and not replayed").setParameter(1, runId).getResultList()) {
            open.add(row.toString());
        }
        return open;
    }

    /** The latest dead letter of each still-failed row of the run, read from the start of the topic. */
    private Map<String, DeadLetterRow> readDeadLetters(UUID runId, Set<String> open) {
        Map<String, DeadLetterRow> latest = new LinkedHashMap<>();
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.topics().deadLetter(), Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!runId.toString().equals(header(record, DeadLetter.Headers.RUN))) {
                        continue;
                    }
                    String table = header(record, DeadLetter.Headers.TABLE);
                    Pass pass = Pass.valueOf(header(record, DeadLetter.Headers.PASS));
                    try {
                        DeadLetter letter = Json.decode(record.value(), DeadLetter.class);
                        if (letter.job() != null && open.contains(table + "/" + pass + "/" + letter.id())) {
                            latest.put(table + "/" + letter.job().action() + "/" + letter.id(), new DeadLetterRow(letter, table, pass));
                        }
                    } catch (MalformedMessageException e) {
                        journal.note(runId, "replay.skipped", "a dead letter of " + table + " could not be read: " + e.getMessage());
                    }
                }
            }
        }
        return latest;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    // ---- ordering and chunking

    private List<Phase> phases(UUID runId, CompiledPlan plan, EnvironmentRef target,
            java.util.Collection<DeadLetterRow> rows) {
        Map<String, Integer> tiers = new HashMap<>();
        plan.tables().forEach(t -> tiers.put(t.table(), t.tier()));
        Map<String, Integer> nextChunk = QuarkusTransaction.requiringNew().call(() -> nextReplayChunks(runId));
        Map<String, List<DeadLetterRow>> groups = new LinkedHashMap<>();
        rows.stream()
                .sorted(Comparator.comparing((DeadLetterRow r) -> ACTION_ORDER.indexOf(r.letter().job().action()))
                        .thenComparing(r -> tiers.getOrDefault(r.table(), Integer.MAX_VALUE)))
                .forEach(r -> groups.computeIfAbsent(phaseKey(r, tiers) + "|" + r.table() + "|" + r.letter().stage()
                        + "|" + r.letter().job().action(), k -> new ArrayList<>()).add(r));
        Map<String, List<Chunk>> byPhase = new LinkedHashMap<>();
        int chunkRows = Math.max(1, config.chunks().rows());
        for (List<DeadLetterRow> group : groups.values()) {
            DeadLetterRow first = group.get(0);
            for (int from = 0; from < group.size(); from += chunkRows) {
                List<DeadLetterRow> slice = group.subList(from, Math.min(group.size(), from + chunkRows));
                int number = nextChunk.merge(first.table(), 1, Integer::sum) - 1;
                List<byte[]> bytes = slice.stream().map(r -> Json.encode(r.letter().row())).toList();
                Chunk.Content content = "transformer".equals(first.letter().stage())
                        ? Chunk.Content.SOURCE_ROWS : Chunk.Content.TARGET_ROWS;
                Chunk chunk = new Chunk(new Chunk.Header(new ChunkId(runId, first.table(), Pass.REPLAY, number), content,
                        target, first.letter().job(), List.of()), JsonRows.of(bytes));
                byPhase.computeIfAbsent(phaseKey(first, tiers), k -> new ArrayList<>()).add(chunk);
            }
        }
        return byPhase.values().stream().map(Phase::new).toList();
    }

    /** Upserts go tier by tier; the other actions each form one phase, in {@link #ACTION_ORDER}. */
    private static String phaseKey(DeadLetterRow row, Map<String, Integer> tiers) {
        TableJob.Action action = row.letter().job().action();
        int tier = action == TableJob.Action.UPSERT ? tiers.getOrDefault(row.table(), 0) : 0;
        return String.format("%02d-%04d", ACTION_ORDER.indexOf(action), tier);
    }

    private Map<String, Integer> nextReplayChunks(UUID runId) {
        Map<String, Integer> next = new HashMap<>();
        for (Object row : em.createNativeQuery("select table_name, coalesce(chunks_expected, 0) from table_run"
                + " where run_id = ?1 and pass = 'REPLAY'").setParameter(1, runId).getResultList()) {
            Object[] columns = (Object[]) row;
            next.put((String) columns[0], ((Number) columns[1]).intValue());
        }
        return next;
    }

    /** Marks the replayed rows, counts the replay chunks per table and puts the run back to running. */
    private void prepare(UUID runId, List<Phase> phases, java.util.Collection<DeadLetterRow> rows) {
        for (DeadLetterRow row : rows) {
            em.createNativeQuery("update row_failure set replayed = true where run_id = ?1 and table_name = ?2"
                    + " and pass = ?3 and row_id = ?4").setParameter(1, runId).setParameter(2, row.table())
                    .setParameter(3, row.pass().name()).setParameter(4, row.letter().id()).executeUpdate();
        }
        Map<String, Integer> chunks = new LinkedHashMap<>();
        Map<String, Integer> replayedRows = new LinkedHashMap<>();
        phases.forEach(p -> p.chunks().forEach(c -> {
            chunks.merge(c.id().table(), 1, Integer::sum);
            replayedRows.merge(c.id().table(), c.rows().count(), Integer::sum);
        }));
        chunks.forEach((table, count) -> {
            TableRunEntity step = TableRunEntity.of(runId, table, Pass.REPLAY.name()).orElseGet(() -> {
                TableRunEntity created = new TableRunEntity();
                created.runId = runId;
                created.tableName = table;
                created.pass = Pass.REPLAY.name();
                created.status = TableRunEntity.Status.Loading.name();
                created.chunksExpected = 0;
                created.persist();
                return created;
            });
            step.status = TableRunEntity.Status.Loading.name();
            step.chunksExpected = (step.chunksExpected == null ? 0 : step.chunksExpected) + count;
            step.rowsExtracted += replayedRows.get(table);
            step.startedAt = OffsetDateTime.now();
            step.finishedAt = null;
        });
        RunEntity run = RunEntity.findById(runId);
        run.status = RunStatus.RUNNING.label();
        run.finishedAt = null;
        run.error = null;
        conductor.resetVerification(run);
        journal.note(runId, "replay.started", "replaying " + rows.size() + " dead-lettered rows in " + phases.size()
                + " phases");
    }
}
