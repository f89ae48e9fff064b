package io.dvmigrate.pipeline.extract;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ExtractCommand;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.RowIdentity;
import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Query;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The extractor's one job, for one command: read what the pass needs and emit it as numbered chunks, then say how
 * many. Memory holds one page and the chunk under way, whatever the table's size. {@code ExtractCompleted} goes out
 * only after the broker has acknowledged every chunk, so the orchestrator never waits for a chunk that is not there.
 *
 * <ul>
 *   <li>data, deferred lookups, many-to-many, verify: the source rows the job maps;</li>
 *   <li>deletes and verify: then the target rows whose id or key is not in the source (checked in batches), marked
 *       {@link Chunk.Content#TARGET_ONLY}.</li>
 * </ul>
 */
public final class TableExtraction {
    static final String LOOKUP_TABLE = "Microsoft.Dynamics.CRM.lookuplogicalname";

    private final ExtractCommand command;
    private final DataverseClient source;
    private final DataverseClient target;
    private final ChunkSink chunks;
    private final Consumer<RunEvent> events;
    private final int pageSize;
    private final int existenceBatch;

    public TableExtraction(ExtractCommand command, DataverseClient source, DataverseClient target, ChunkSink chunks,
            Consumer<RunEvent> events, int pageSize, int existenceBatch) {
        this.command = command;
        this.source = source;
        this.target = target;
        this.chunks = chunks;
        this.events = events;
        this.pageSize = pageSize;
        this.existenceBatch = existenceBatch;
    }

    /** Runs the extraction; a failure propagates (the caller reports it as {@code ExtractFailed}). */
    public void run() {
        events.accept(new RunEvent.ExtractStarted(command.run(), command.table(), command.pass(), 0));
        ChunkCutter cutter = new ChunkCutter(command);
        if (command.query() != null && command.pass() != Pass.DELETES) {
            for (Page page : source.read(sourceQuery(command.query()))) {
                for (JsonRow row : page.rows()) {
                    send(cutter.add(row, Chunk.Content.SOURCE_ROWS));
                }
            }
        }
        if (command.targetQuery() != null) {
            scanTargetOnly(cutter);
        }
        send(cutter.flush());
        chunks.flush();
        events.accept(new RunEvent.ExtractCompleted(command.run(), command.table(), command.pass(), cutter.chunks(),
                cutter.rows()));
    }

    private void send(Chunk chunk) {
        if (chunk != null) {
            chunks.send(chunk);
        }
    }

    private Query sourceQuery(ExtractCommand.Query spec) {
        Query query = Query.of(spec.entitySet()).select(spec.select().toArray(String[]::new)).pageSize(pageSize)
                .annotations(LOOKUP_TABLE);
        if (spec.filter() != null) {
            query = query.filter(spec.filter());
        }
        for (ExtractCommand.Expand expand : spec.expand()) {
            query = query.expandLookup(expand.navigationProperty(), expand.select().toArray(String[]::new));
        }
        return query;
    }

    /**
     * Reads the target's identities page by page and keeps those the source does not have. The source is asked in
     * batches ({@code id eq a or id eq b ...}), so memory holds one target page and one batch of answers.
     */
    private void scanTargetOnly(ChunkCutter cutter) {
        ExtractCommand.Query spec = command.targetQuery();
        Query query = Query.of(spec.entitySet()).select(spec.select().toArray(String[]::new)).pageSize(pageSize);
        for (Page page : target.read(query)) {
            for (int from = 0; from < page.rows().size(); from += existenceBatch) {
                List<JsonRow> batch = page.rows().subList(from, Math.min(page.rows().size(), from + existenceBatch));
                Set<String> inSource = existingInSource(batch);
                for (JsonRow row : batch) {
                    String identity = RowIdentity.ofTargetRow(command.job(), row.toObjectNode());
                    if (identity != null && !inSource.contains(normalized(identity))) {
                        send(cutter.add(row, Chunk.Content.TARGET_ONLY));
                    }
                }
            }
        }
    }

    /** The identities (normalised) among {@code targetRows} that the source has too. */
    private Set<String> existingInSource(List<JsonRow> targetRows) {
        ExtractCommand.Query spec = command.query();
        List<String> targetColumns = command.targetQuery().idColumns();
        List<String> sourceColumns = spec.idColumns();
        List<String> alternatives = new ArrayList<>();
        for (JsonRow row : targetRows) {
            JsonNode node = row.toObjectNode();
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < targetColumns.size(); i++) {
                JsonNode value = node.get(targetColumns.get(i));
                if (value == null || value.isNull()) {
                    parts = null;
                    break;
                }
                boolean id = targetColumns.get(i).equals(command.job().targetPrimaryId());
                parts.add(sourceColumns.get(i) + " eq " + (id ? value.asText() : RowIdentity.literal(value)));
            }
            if (parts != null) {
                alternatives.add(parts.size() == 1 ? parts.get(0) : "(" + String.join(" and ", parts) + ")");
            }
        }
        Set<String> existing = new HashSet<>();
        if (alternatives.isEmpty()) {
            return existing;
        }
        String filter = String.join(" or ", alternatives);
        if (spec.filter() != null) {
            filter = "(" + spec.filter() + ") and (" + filter + ")";
        }
        Query query = Query.of(spec.entitySet()).select(sourceColumns.toArray(String[]::new)).filter(filter)
                .pageSize(pageSize);
        for (Page page : source.read(query)) {
            for (JsonRow row : page.rows()) {
                String identity = RowIdentity.ofSourceRow(command.job(), row.toObjectNode());
                if (identity != null) {
                    existing.add(normalized(identity));
                }
            }
        }
        return existing;
    }

    /** GUIDs compare without regard to case. */
    private static String normalized(String identity) {
        return identity.toLowerCase(Locale.ROOT);
    }
}
