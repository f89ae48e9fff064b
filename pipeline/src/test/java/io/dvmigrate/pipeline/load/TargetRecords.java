package io.dvmigrate.pipeline.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkId;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.JsonRows;
import io.dvmigrate.contracts.Match;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.RunEvent.RowFailure;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.ColumnRule;
import io.dvmigrate.contracts.TableJob.LookupRule;
import io.dvmigrate.contracts.TableJob.LookupTarget;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The emulator's benchmark records ({@code generated:N}) as the loader and the verify pass get them: a table job,
 * rows in the target's wire form as the transformer writes them, chunks of those rows, and the rows read back.
 */
final class TargetRecords {
    static final String ID = "dvm_benchrecordid";
    static final String SET = "dvm_benchrecords";
    static final String CATEGORIES = "dvm_benchcategories";
    static final String CATEGORY_BIND = "dvm_CategoryId@odata.bind";
    static final LookupRule CATEGORY = new LookupRule("dvm_categoryid", "dvm_categoryid", List.of(
            new LookupTarget("dvm_benchcategory", "dvm_CategoryId", CATEGORIES, null, null)), null);
    static final List<ColumnRule> COLUMNS = List.of(ColumnRule.same("dvm_name"), ColumnRule.same("dvm_code"),
            ColumnRule.same("dvm_quantity"), ColumnRule.same("dvm_eventdate"));

    private TargetRecords() {
    }

    static TableJob job(TableJob.Action action, Match match, TableJob.WriteMode mode) {
        return new TableJob("dvm_benchrecord", ID, "dvm_benchrecord", SET, ID, action, match, COLUMNS, List.of(CATEGORY),
                Map.of(), new TableJob.WriteOptions(mode, 0, false, false), null);
    }

    static TableJob job(TableJob.Action action) {
        return job(action, Match.byId(), TableJob.WriteMode.AUTO);
    }

    /** A record as the transformer maps it: id, columns, and the category bound by id. */
    static ObjectNode row(UUID id, String code, int quantity, String categoryId) {
        ObjectNode row = Json.MAPPER.createObjectNode();
        row.put(ID, id.toString());
        row.put("dvm_name", "Record " + code);
        row.put("dvm_code", code);
        row.put("dvm_quantity", quantity);
        row.put("dvm_eventdate", "2024-05-0" + (1 + quantity % 9) + "T10:15:00Z");
        row.put(CATEGORY_BIND, "/" + CATEGORIES + "(" + categoryId + ")");
        return row;
    }

    /** {@code count} fresh records coded {@code <prefix>-1…}. */
    static List<ObjectNode> rows(String prefix, int count, String categoryId) {
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(row(UUID.randomUUID(), prefix + "-" + i, i, categoryId));
        }
        return rows;
    }

    static Chunk chunk(TableJob job, Chunk.Content content, List<RowFailure> rejected, List<? extends JsonNode> rows) {
        List<byte[]> bytes = new ArrayList<>();
        for (JsonNode row : rows) {
            try {
                bytes.add(Json.MAPPER.writeValueAsBytes(row));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Pass pass = job.action() == TableJob.Action.VERIFY ? Pass.VERIFY : Pass.DATA;
        return new Chunk(new Chunk.Header(new ChunkId(UUID.randomUUID(), job.sourceTable(), pass, 7), content, null, job,
                rejected), JsonRows.of(bytes));
    }

    static Chunk chunk(TableJob job, List<? extends JsonNode> rows) {
        return chunk(job, Chunk.Content.TARGET_ROWS, List.of(), rows);
    }

    static String id(JsonNode row) {
        return row.get(ID).asText();
    }

    /** The first category of the environment (generated:N has at least one). */
    static String firstCategory(DataverseClient client) {
        return client.read(Query.of(CATEGORIES).select("dvm_benchcategoryid").top(1)).next().rows().get(0)
                .text("dvm_benchcategoryid").orElseThrow();
    }

    /** The records whose code starts with {@code prefix-}, by lower-case id. */
    static Map<String, JsonNode> readBack(DataverseClient client, String prefix) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        Query query = Query.of(SET).select(ID, "dvm_name", "dvm_code", "dvm_quantity", "_dvm_categoryid_value")
                .filter("startswith(dvm_code,'" + prefix + "-')");
        for (Page page : client.read(query)) {
            for (JsonRow row : page.rows()) {
                JsonNode node = row.toObjectNode();
                rows.put(node.get(ID).asText().toLowerCase(Locale.ROOT), node);
            }
        }
        return rows;
    }
}
