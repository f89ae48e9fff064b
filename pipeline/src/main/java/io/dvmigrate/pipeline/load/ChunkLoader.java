package io.dvmigrate.pipeline.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.DeadLetter;
import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.RowIdentity;
import io.dvmigrate.contracts.RunEvent.RowFailure;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.ManyToManyRule;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.config.Bypass;
import io.dvmigrate.dataverse.error.DataverseException;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.write.Association;
import io.dvmigrate.dataverse.write.Failure;
import io.dvmigrate.dataverse.write.RowKey;
import io.dvmigrate.dataverse.write.TableRef;
import io.dvmigrate.dataverse.write.WriteMode;
import io.dvmigrate.dataverse.write.WriteOperation;
import io.dvmigrate.dataverse.write.WriteOptions;
import io.dvmigrate.dataverse.write.WriteResult;
import io.dvmigrate.service.Failures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The loader's one job for a chunk: write it to the target as its job says (upsert, patch, associate, delete) with
 * the best mode the table allows, and name every row that failed with Dataverse's own error. A failing bulk request
 * is bisected by the client until the bad rows are isolated; the good ones are written.
 */
public final class ChunkLoader {
    public static final String STAGE = "loader";

    public LoadOutcome load(Chunk chunk, DataverseClient target) {
        TableJob job = chunk.header().job();
        List<byte[]> rows = chunk.rows().split();
        return switch (job.action()) {
            case UPSERT -> write(chunk, target, rows, WriteOperation.UPSERT);
            case UPDATE -> write(chunk, target, rows, WriteOperation.UPDATE);
            case ASSOCIATE -> associate(chunk, target, rows);
            case DELETE -> delete(chunk, target, rows);
            case VERIFY -> throw new IllegalArgumentException("verify chunks are compared, not written");
        };
    }

    private LoadOutcome write(Chunk chunk, DataverseClient target, List<byte[]> rows, WriteOperation operation) {
        TableJob job = chunk.header().job();
        // split delimited each row with a parser and copied it out: no need to check or copy it again
        List<JsonRow> jsonRows = rows.stream().map(JsonRow::ofDelimited).toList();
        TableRef table = new TableRef(job.targetTable(), job.targetEntitySet(), job.targetPrimaryId());
        return outcome(chunk, jsonRows, () -> target.write(table, jsonRows, operation, options(job)),
                row -> RowIdentity.ofMappedRow(job, tree(row.toByteArray())), row -> tree(row.toByteArray()));
    }

    private LoadOutcome associate(Chunk chunk, DataverseClient target, List<byte[]> rows) {
        ManyToManyRule rule = chunk.header().job().manyToMany();
        List<Association> pairs = new ArrayList<>(rows.size());
        for (byte[] row : rows) {
            JsonNode pair = tree(row);
            pairs.add(new Association(rule.from().entitySet(), pair.get("from").asText(),
                    rule.from().navigationProperty(), rule.to().entitySet(), pair.get("to").asText()));
        }
        WriteOptions options = options(chunk.header().job());
        return outcome(chunk, pairs, () -> target.writer().associate(pairs, options), pair -> pair.id() + "/" + pair.relatedId(),
                pair -> Json.MAPPER.createObjectNode().put("from", pair.id()).put("to", pair.relatedId()));
    }

    private LoadOutcome delete(Chunk chunk, DataverseClient target, List<byte[]> rows) {
        TableJob job = chunk.header().job();
        List<RowKey> keys = new ArrayList<>(rows.size());
        Map<RowKey, JsonNode> byKey = new LinkedHashMap<>();
        for (byte[] bytes : rows) {
            JsonNode row = tree(bytes);
            RowKey key = job.match().isKey() ? RowKey.alternate(keyValues(job, row))
                    : RowKey.id(row.get(job.targetPrimaryId()).asText());
            keys.add(key);
            byKey.put(key, row);
        }
        WriteOptions options = options(job);
        return outcome(chunk, keys, () -> target.writer().delete(job.targetEntitySet(), keys, options),
                key -> RowIdentity.ofTargetRow(job, byKey.get(key)), byKey::get);
    }

    private static Map<String, Object> keyValues(TableJob job, JsonNode row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String column : job.match().keyColumns()) {
            JsonNode value = row.get(column);
            values.put(column, value.isNumber() ? value.numberValue() : value.asText());
        }
        return values;
    }

    /**
     * Runs a write and turns its result into an outcome. A failure of the whole request (credentials, an unreachable
     * environment after retries) fails every row of the chunk with that error: nothing is lost, replay re-drives them.
     */
    private <T> LoadOutcome outcome(Chunk chunk, List<T> items, java.util.function.Supplier<WriteResult<T>> write,
            Function<T, String> identity, Function<T, JsonNode> asJson) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<RowFailure> failures = new ArrayList<>(chunk.header().rejected());
        int written;
        try {
            WriteResult<T> result = write.get();
            written = result.succeeded();
            for (Failure<T> failure : result.failures()) {
                ErrorInfo error = Failures.ofRow(failure.error());
                String id = identity.apply(failure.item());
                deadLetters.add(new DeadLetter(asJson.apply(failure.item()), error, STAGE, id, chunk.header().job()));
                failures.add(new RowFailure(id, error));
            }
        } catch (DataverseException e) {
            ErrorInfo error = Failures.of(e);
            written = 0;
            for (T item : items) {
                String id = identity.apply(item);
                deadLetters.add(new DeadLetter(asJson.apply(item), error, STAGE, id, chunk.header().job()));
                failures.add(new RowFailure(id, error));
            }
        }
        return new LoadOutcome(written, deadLetters, failures);
    }

    /** The plan's write options as the client takes them: the mode, and the business logic to bypass. */
    public static WriteOptions options(TableJob job) {
        WriteMode mode = switch (job.write().mode()) {
            case AUTO -> WriteMode.AUTO;
            case UPSERT_MULTIPLE -> WriteMode.BULK;
            case BATCH -> WriteMode.BATCH;
            case SINGLE -> WriteMode.SINGLE;
        };
        return WriteOptions.of(mode).withBypass(new Bypass(job.write().bypassPlugins(), false, false,
                job.write().bypassFlows()));
    }

    static JsonNode tree(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a row of the chunk is not JSON", e);
        }
    }
}
