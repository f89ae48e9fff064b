package io.dvmigrate.pipeline.load;

import static io.dvmigrate.pipeline.load.TargetRecords.CATEGORIES;
import static io.dvmigrate.pipeline.load.TargetRecords.CATEGORY_BIND;
import static io.dvmigrate.pipeline.load.TargetRecords.ID;
import static io.dvmigrate.pipeline.load.TargetRecords.SET;
import static io.dvmigrate.pipeline.load.TargetRecords.chunk;
import static io.dvmigrate.pipeline.load.TargetRecords.id;
import static io.dvmigrate.pipeline.load.TargetRecords.job;
import static io.dvmigrate.pipeline.load.TargetRecords.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.Match;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.contracts.RunEvent.ColumnDifference;
import io.dvmigrate.contracts.RunEvent.RowDifference;
import io.dvmigrate.contracts.RunEvent.RowFailure;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.KeyBinding;
import io.dvmigrate.contracts.TableJob.LookupRule;
import io.dvmigrate.contracts.TableJob.LookupTarget;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.write.RowKey;
import io.dvmigrate.dataverse.write.TableRef;
import io.dvmigrate.service.DataverseConnections;
import io.dvmigrate.testing.EmulatedEnvironments;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verify pass against an emulated target: rows written by the loader, then changed behind its back. */
class VerifierTest {
    private static final TableRef RECORDS = new TableRef("dvm_benchrecord", SET, ID);
    private static EmulatedEnvironments environments;
    private static DataverseClient target;
    private static String category;
    private static String otherCategory;

    private final ChunkLoader loader = new ChunkLoader();
    private final Verifier verifier = new Verifier(5, 20);

    @BeforeAll
    static void start() {
        environments = EmulatedEnvironments.start(Map.of("target", "generated:10"));
        target = DataverseClient.connect(DataverseConnections.settingsOf(environments.ref("target")));
        category = TargetRecords.firstCategory(target);
        otherCategory = target.create(new TableRef("dvm_benchcategory", CATEGORIES, "dvm_benchcategoryid"),
                JsonRow.of("{\"dvm_name\":\"Other\",\"dvm_code\":\"CAT-OTHER\"}"));
    }

    @AfterAll
    static void stop() {
        target.close();
        environments.close();
    }

    @Test
    void rowsAsTheTargetHoldsThemMatchWhateverTheNotationOfNumbersDatesAndIds() {
        List<ObjectNode> rows = write("SAME", 12);
        for (ObjectNode row : rows) {
            // the same values as written, as another stage might spell them
            row.put("dvm_quantity", row.get("dvm_quantity").asInt() + 0.0);
            String date = row.get("dvm_eventdate").asText();
            row.put("dvm_eventdate", date.replace("T10:15:00Z", "T12:15:00+02:00"));
            row.put(CATEGORY_BIND, "/" + CATEGORIES + "(" + category.toUpperCase(Locale.ROOT) + ")");
        }
        Chunk chunk = chunk(job(TableJob.Action.VERIFY), rows);

        RunEvent.ChunkVerified verified = verifier.verify(chunk, target);

        assertThat(verified).isEqualTo(new RunEvent.ChunkVerified(chunk.id().run(), "dvm_benchrecord", Pass.VERIFY, 7, 12,
                12, List.of(), List.of(), List.of()));
    }

    @Test
    void aChangedColumnAMovedOrClearedLookupAndAMissingRowAreNamed() {
        List<ObjectNode> rows = write("DIFF", 6);
        assertThat(target.upsert(RECORDS, List.of(
                JsonRow.of("{\"" + ID + "\":\"" + id(rows.get(1)) + "\",\"dvm_name\":\"Renamed in the target\"}"),
                JsonRow.of("{\"" + ID + "\":\"" + id(rows.get(2)) + "\",\"" + CATEGORY_BIND + "\":\"/" + CATEGORIES + "("
                        + otherCategory + ")\"}"),
                JsonRow.of("{\"" + ID + "\":\"" + id(rows.get(3)) + "\",\"" + CATEGORY_BIND + "\":null}"))).failures())
                .isEmpty();
        target.delete(SET, RowKey.id(id(rows.get(4))));

        RunEvent.ChunkVerified verified = verifier.verify(chunk(job(TableJob.Action.VERIFY), rows), target);

        assertThat(verified.rows()).isEqualTo(6);
        assertThat(verified.matched()).isEqualTo(2);
        assertThat(verified.missing()).containsExactly(id(rows.get(4)));
        assertThat(verified.extra()).isEmpty();
        String expectedBind = "/" + CATEGORIES + "(" + category + ")";
        assertThat(verified.differing()).containsExactlyInAnyOrder(
                new RowDifference(id(rows.get(1)), List.of(new ColumnDifference("dvm_name", "Record DIFF-2",
                        "Renamed in the target"))),
                new RowDifference(id(rows.get(2)), List.of(new ColumnDifference("dvm_categoryid", expectedBind,
                        "dvm_benchcategory:" + otherCategory))),
                new RowDifference(id(rows.get(3)), List.of(new ColumnDifference("dvm_categoryid", expectedBind, null))));
    }

    @Test
    void onlyASampleOfTheDifferingRowsCarriesItsColumns() {
        List<ObjectNode> rows = write("SAMPLE", 3);
        for (ObjectNode row : rows) {
            row.put("dvm_name", "Not what the target has");
        }

        RunEvent.ChunkVerified verified = new Verifier(2, 1).verify(chunk(job(TableJob.Action.VERIFY), rows), target);

        assertThat(verified.differing()).extracting(RowDifference::id)
                .containsExactlyElementsOf(rows.stream().map(TargetRecords::id).toList());
        assertThat(verified.differing().get(0).columns()).singleElement()
                .isEqualTo(new ColumnDifference("dvm_name", "Not what the target has", "Record SAMPLE-1"));
        assertThat(verified.differing().subList(1, 3)).allSatisfy(row -> assertThat(row.columns()).isEmpty());
    }

    @Test
    void rowsTheTransformerRejectedCountAsMissing() {
        List<ObjectNode> rows = write("REJ", 2);
        RowFailure rejected = new RowFailure("dvm_benchrecordid=null", ErrorInfo.row(0, "DVM_TRANSFORM", "no id"));

        RunEvent.ChunkVerified verified = verifier.verify(chunk(job(TableJob.Action.VERIFY), Chunk.Content.TARGET_ROWS,
                List.of(rejected), rows), target);

        assertThat(verified.rows()).isEqualTo(3);
        assertThat(verified.matched()).isEqualTo(2);
        assertThat(verified.missing()).containsExactly("dvm_benchrecordid=null");
    }

    @Test
    void targetRowsTheSourceLacksAreReportedAsExtra() {
        List<JsonNode> identities = List.of(Json.MAPPER.createObjectNode().put(ID, "0f0e0d0c-0000-0000-0000-000000000001"),
                Json.MAPPER.createObjectNode().put(ID, "0f0e0d0c-0000-0000-0000-000000000002"));

        RunEvent.ChunkVerified verified = verifier.verify(chunk(job(TableJob.Action.VERIFY), Chunk.Content.TARGET_ONLY,
                List.of(), identities), target);

        assertThat(verified.extra()).containsExactly("0f0e0d0c-0000-0000-0000-000000000001",
                "0f0e0d0c-0000-0000-0000-000000000002");
        assertThat(verified.rows()).isEqualTo(2);
        assertThat(verified.matched()).isZero();
        assertThat(verified.missing()).isEmpty();
    }

    @Test
    void rowsMatchedByKeyAreFoundByTheirKeyAndAKeyBoundLookupComparesByItsParentsKey() {
        LookupRule categoryByKey = new LookupRule("dvm_categoryid", "dvm_categoryid", List.of(new LookupTarget(
                "dvm_benchcategory", "dvm_CategoryId", CATEGORIES, new KeyBinding(List.of("dvm_code"), List.of("dvm_code")),
                "dvm_CategoryId")), null);
        Match byCode = Match.byKey("dvm_benchrecord_code", List.of("dvm_code"));
        TableJob upsert = keyed(TableJob.Action.UPSERT, byCode, categoryByKey);
        List<ObjectNode> rows = List.of(keyedRow("KEY-1", "CAT-000001"), keyedRow("KEY-2", "CAT-OTHER"),
                keyedRow("KEY-3", "CAT-000001"));
        assertThat(loader.load(chunk(upsert, rows), target).failures()).isEmpty();
        rows.get(2).put(CATEGORY_BIND, "/" + CATEGORIES + "(dvm_code='CAT-OTHER')");
        List<ObjectNode> expected = List.of(rows.get(0), rows.get(1), rows.get(2), keyedRow("KEY-9", "CAT-000001"));

        RunEvent.ChunkVerified verified = verifier.verify(chunk(keyed(TableJob.Action.VERIFY, byCode, categoryByKey),
                expected), target);

        assertThat(verified.matched()).isEqualTo(2);
        assertThat(verified.missing()).containsExactly("dvm_code='KEY-9'");
        assertThat(verified.differing()).containsExactly(new RowDifference("dvm_code='KEY-3'", List.of(
                new ColumnDifference("dvm_categoryid", "/" + CATEGORIES + "(dvm_code='CAT-OTHER')",
                        "dvm_benchcategory:dvm_code='CAT-000001'"))));
    }

    /** {@code count} records written by the loader, as the verify pass will expect them. */
    private List<ObjectNode> write(String prefix, int count) {
        List<ObjectNode> rows = rows(prefix, count, category);
        LoadOutcome outcome = loader.load(chunk(job(TableJob.Action.UPSERT), rows), target);
        assertThat(outcome.failures()).isEmpty();
        return rows;
    }

    private static TableJob keyed(TableJob.Action action, Match match, LookupRule lookup) {
        return new TableJob("dvm_benchrecord", ID, "dvm_benchrecord", SET, ID, action, match, TargetRecords.COLUMNS,
                List.of(lookup), Map.of(), TableJob.WriteOptions.defaults(), null);
    }

    private static ObjectNode keyedRow(String code, String categoryCode) {
        return Json.MAPPER.createObjectNode().put("@odata.id", SET + "(dvm_code='" + code + "')")
                .put("dvm_name", "Keyed " + code).put("dvm_code", code)
                .put(CATEGORY_BIND, "/" + CATEGORIES + "(dvm_code='" + categoryCode + "')");
    }
}
