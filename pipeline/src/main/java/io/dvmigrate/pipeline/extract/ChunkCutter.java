package io.dvmigrate.pipeline.extract;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ExtractCommand;
import io.dvmigrate.contracts.JsonRows;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.LookupRule;
import io.dvmigrate.contracts.TableJob.Principal;
import io.dvmigrate.contracts.TableJob.PrincipalMap;
import io.dvmigrate.dataverse.read.JsonRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cuts a stream of rows into numbered chunks of at most N rows and B bytes. Each chunk carries the table job, with
 * the user mapping cut down to the users and teams its rows refer to: a tenant may have thousands of them, a chunk
 * needs a handful.
 */
final class ChunkCutter {
    private final ExtractCommand command;
    private final List<LookupRule> principalLookups;
    /** The column of each principal lookup as the source returns it ({@code _ownerid_value}) → the lookup's source. */
    private final Map<String, String> principalColumns;
    private JsonRows.Builder rows = new JsonRows.Builder();
    private final Map<String, Set<String>> referenced = new HashMap<>();
    private Chunk.Content content;
    private int next;
    private long total;

    ChunkCutter(ExtractCommand command) {
        this.command = command;
        this.principalLookups = command.job().lookups().stream().filter(l -> l.principals() != null).toList();
        this.principalColumns = principalLookups.stream()
                .collect(Collectors.toMap(l -> "_" + l.source() + "_value", LookupRule::source));
    }

    /** Adds a row; returns the chunk it completes, if adding it would have overflowed the current one. */
    Chunk add(JsonRow row, Chunk.Content rowContent) {
        Chunk full = null;
        boolean contentChanges = content != null && content != rowContent;
        if (rows.count() > 0 && (contentChanges || rows.count() >= command.chunkRows()
                || rows.byteSize() + row.size() + 1 > command.chunkBytes())) {
            full = flush();
        }
        content = rowContent;
        rows.add(row.toByteArray());
        total++;
        if (!principalColumns.isEmpty()) {
            // one pass over the row for all of them
            row.texts(principalColumns.keySet()).forEach((column, id) ->
                    referenced.computeIfAbsent(principalColumns.get(column), k -> new HashSet<>()).add(id));
        }
        return full;
    }

    /** The chunk under way, or null when it holds no row. */
    Chunk flush() {
        if (rows.count() == 0) {
            return null;
        }
        Chunk chunk = new Chunk(new Chunk.Header(command.chunk(next++), content, command.target(), jobForChunk(),
                List.of()), rows.build());
        rows = new JsonRows.Builder();
        referenced.clear();
        return chunk;
    }

    int chunks() {
        return next;
    }

    long rows() {
        return total;
    }

    private TableJob jobForChunk() {
        if (principalLookups.isEmpty()) {
            return command.job();
        }
        List<LookupRule> lookups = new ArrayList<>();
        for (LookupRule lookup : command.job().lookups()) {
            if (lookup.principals() == null) {
                lookups.add(lookup);
                continue;
            }
            Map<String, Principal> used = new HashMap<>();
            for (String id : referenced.getOrDefault(lookup.source(), Set.of())) {
                Principal principal = lookup.principals().principals().get(id);
                if (principal != null) {
                    used.put(id, principal);
                }
            }
            lookups.add(new LookupRule(lookup.source(), lookup.target(), lookup.targets(),
                    new PrincipalMap(used, lookup.principals().fallback())));
        }
        TableJob job = command.job();
        return new TableJob(job.sourceTable(), job.sourcePrimaryId(), job.targetTable(), job.targetEntitySet(),
                job.targetPrimaryId(), job.action(), job.match(), job.columns(), lookups, job.defaults(), job.write(),
                job.manyToMany());
    }
}
