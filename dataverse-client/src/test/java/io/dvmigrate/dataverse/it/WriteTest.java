package io.dvmigrate.dataverse.it;

import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.metrics.ClientStats;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Query;
import io.dvmigrate.dataverse.write.Association;
import io.dvmigrate.dataverse.write.Failure;
import io.dvmigrate.dataverse.write.Precondition;
import io.dvmigrate.dataverse.write.RowKey;
import io.dvmigrate.dataverse.write.TableRef;
import io.dvmigrate.dataverse.write.WriteMode;
import io.dvmigrate.dataverse.write.WriteOperation;
import io.dvmigrate.dataverse.write.WriteOptions;
import io.dvmigrate.dataverse.write.WriteResult;
import io.dvmigrate.emulator.DataverseEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dvmigrate.dataverse.it.BenchRows.RECORDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every write mode and operation over real HTTP against the emulator, checked by reading the rows back. */
class WriteTest {

    private static Emulator emulator;
    private static DataverseClient target;
    private static DataverseClient demo;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(DataverseEmulator.builder()
                .environment("target", "generated:0")
                .environment("demo", "demo")
                .application("second-app", "second-secret"));
        target = DataverseClient.connect(emulator.settings("target").build());
        demo = DataverseClient.connect(emulator.settings("demo").build());
    }

    @AfterAll
    static void stop() {
        target.close();
        demo.close();
        emulator.close();
    }

    @ParameterizedTest
    @EnumSource(value = WriteMode.class, names = {"BULK", "BATCH", "SINGLE"})
    void everyModeLandsEveryRowExactlyOnceForEachOperation(WriteMode mode) {
        String prefix = "M" + mode.ordinal();
        List<JsonRow> rows = BenchRows.rows(prefix, 250);
        WriteOptions options = WriteOptions.of(mode).withMaxBulkRows(100).withBatchSize(40);

        WriteResult<JsonRow> created = target.write(RECORDS, rows, WriteOperation.CREATE, options);
        assertThat(created.failures()).isEmpty();
        assertThat(created.succeeded()).isEqualTo(250);
        assertThat(created.mode()).isEqualTo(mode);
        assertThat(BenchRows.readBack(target, prefix).keySet()).containsExactlyInAnyOrderElementsOf(BenchRows.ids(rows));

        List<JsonRow> renamed = new ArrayList<>();
        List<JsonRow> upserts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            UUID id = UUID.fromString(rows.get(i).id("dvm_benchrecordid").orElseThrow());
            renamed.add(BenchRows.row(id, prefix, i + 1, "Updated " + (i + 1)));
            upserts.add(BenchRows.row(id, prefix, i + 1, "Upserted " + (i + 1)));
        }
        List<JsonRow> newRows = BenchRows.rows(prefix + "N", 50);
        upserts.addAll(newRows);

        assertThat(target.write(RECORDS, renamed, WriteOperation.UPDATE, options).succeeded()).isEqualTo(250);
        assertThat(BenchRows.readBack(target, prefix).values()).allSatisfy(row ->
                assertThat(row.text("dvm_name").orElseThrow()).startsWith("Updated "));

        WriteResult<JsonRow> upserted = target.write(RECORDS, upserts, WriteOperation.UPSERT, options);
        assertThat(upserted.succeeded()).isEqualTo(300);
        Map<String, JsonRow> after = BenchRows.readBack(target, prefix);
        assertThat(after).hasSize(250);
        assertThat(after.values()).allSatisfy(row -> assertThat(row.text("dvm_name").orElseThrow()).startsWith("Upserted "));
        assertThat(BenchRows.readBack(target, prefix + "N").keySet()).containsExactlyInAnyOrderElementsOf(BenchRows.ids(newRows));
    }

    @Test
    void threeBadRowsAmongAThousandAreIsolatedWithTheirCodes() {
        List<JsonRow> rows = new ArrayList<>(BenchRows.rows("BIS", 1000));
        int[] bad = {17, 500, 999};
        for (int index : bad) {
            UUID id = UUID.fromString(rows.get(index).id("dvm_benchrecordid").orElseThrow());
            rows.set(index, BenchRows.row(id, "BIS", index + 1, "x".repeat(101)));
        }
        ClientStats before = target.stats();

        WriteResult<JsonRow> result = target.write(RECORDS, rows, WriteOperation.UPSERT, WriteOptions.of(WriteMode.BULK));

        ClientStats spent = target.stats().minus(before);
        System.out.println("bisection of 3 bad rows among 1000: " + spent.requests() + " requests");
        assertThat(result.succeeded()).isEqualTo(997);
        assertThat(result.failures()).extracting(Failure::index).containsExactly(17, 500, 999);
        assertThat(result.failures()).allSatisfy(failure -> {
            assertThat(failure.error().status()).isEqualTo(400);
            assertThat(failure.error().code()).isEqualTo("0x80044331");
            assertThat(failure.error().message()).contains("dvm_name").contains("maximum allowed length of '100'");
            assertThat(failure.item()).isSameAs(rows.get(failure.index()));
        });
        Map<String, JsonRow> written = BenchRows.readBack(target, "BIS");
        assertThat(written).hasSize(997);
        for (int index : bad) {
            assertThat(written).doesNotContainKey(rows.get(index).id("dvm_benchrecordid").orElseThrow());
        }
        assertThat(spent.requests()).isLessThan(80);
    }

    @Test
    void batchModeAnswersEachRowOnItsOwn() {
        List<JsonRow> rows = new ArrayList<>(BenchRows.rows("BAT", 120));
        rows.set(42, JsonRow.of("{\"dvm_benchrecordid\":\"" + UUID.randomUUID() + "\",\"dvm_name\":\"n\",\"dvm_nosuchcolumn\":1}"));

        WriteResult<JsonRow> result = target.write(RECORDS, rows, WriteOperation.UPSERT, WriteOptions.of(WriteMode.BATCH).withBatchSize(50));

        assertThat(result.succeeded()).isEqualTo(119);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(42);
            assertThat(f.error().code()).isEqualTo("0x80048d19");
            assertThat(f.error().message()).contains("dvm_nosuchcolumn");
        });
    }

    @Test
    void autoFallsBackToBatchWhereTheTableHasNoBulkMessages() {
        TableRef phonecalls = demo.table("phonecall").ref();
        String account = demo.read(Query.of("accounts").select("accountid").top(1).pageSize(1)).next()
                .rows().getFirst().id("accountid").orElseThrow();
        List<JsonRow> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(JsonRow.of("{\"activityid\":\"" + UUID.randomUUID() + "\",\"subject\":\"Call " + i
                    + "\",\"regardingobjectid_account_phonecall@odata.bind\":\"/accounts(" + account + ")\"}"));
        }

        double refusedBefore = refused(demo);
        WriteResult<JsonRow> first = demo.upsert(phonecalls, calls.subList(0, 15));
        WriteResult<JsonRow> second = demo.upsert(phonecalls, calls.subList(15, 30));

        assertThat(first.mode()).isEqualTo(WriteMode.BATCH);
        assertThat(refused(demo)).as("sdkmessagefilters said so: no bulk request was tried").isEqualTo(refusedBefore);
        assertThat(demo.upsert(demo.table("account").ref(), List.of()).mode()).isEqualTo(WriteMode.BULK);
        assertThat(first.succeeded() + second.succeeded()).isEqualTo(30);
        assertThat(second.mode()).as("learned once per table").isEqualTo(WriteMode.BATCH);
        assertThatThrownBy(() -> demo.write(phonecalls, calls, WriteOperation.UPSERT, WriteOptions.of(WriteMode.BULK)))
                .isInstanceOfSatisfying(RequestFailed.class, e -> {
                    assertThat(e.code()).isEqualTo("0x80040315");
                    assertThat(e.rows()).hasSize(30);
                });
    }

    @Test
    void upsertsByAlternateKeyInEveryMode() {
        for (WriteMode mode : List.of(WriteMode.BULK, WriteMode.BATCH, WriteMode.SINGLE)) {
            String prefix = "K" + mode.ordinal();
            List<JsonRow> byKey = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                byKey.add(JsonRow.of("{\"@odata.id\":\"dvm_benchrecords(dvm_code='" + BenchRows.code(prefix, i)
                        + "')\",\"dvm_name\":\"Keyed " + i + "\"}"));
            }
            assertThat(target.write(RECORDS, byKey, WriteOperation.UPSERT, WriteOptions.of(mode)).succeeded()).isEqualTo(20);
            assertThat(target.write(RECORDS, byKey, WriteOperation.UPSERT, WriteOptions.of(mode)).succeeded()).isEqualTo(20);
            assertThat(BenchRows.readBack(target, prefix)).as(mode.name()).hasSize(20);
        }
    }

    @Test
    void deferredLookupsArePatchedAndUpdatesNeverCreate() {
        List<JsonRow> rows = BenchRows.rows("DEF", 10);
        target.upsert(RECORDS, rows);
        JsonRow category = JsonRow.of("{\"dvm_benchcategoryid\":\"" + UUID.randomUUID() + "\",\"dvm_name\":\"Cat\",\"dvm_code\":\"CAT-DEF\"}");
        String categoryId = target.create(new TableRef("dvm_benchcategory", "dvm_benchcategories", "dvm_benchcategoryid"), category);
        List<JsonRow> patches = new ArrayList<>();
        for (String id : BenchRows.ids(rows)) {
            patches.add(JsonRow.of("{\"dvm_benchrecordid\":\"" + id + "\",\"dvm_CategoryId@odata.bind\":\"/dvm_benchcategories(" + categoryId + ")\"}"));
        }
        String missing = UUID.randomUUID().toString();
        patches.add(JsonRow.of("{\"dvm_benchrecordid\":\"" + missing + "\",\"dvm_name\":\"never created\"}"));

        WriteResult<JsonRow> result = target.write(RECORDS, patches, WriteOperation.UPDATE, WriteOptions.of(WriteMode.BATCH));

        assertThat(result.succeeded()).isEqualTo(10);
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.error().status()).isEqualTo(404));
        Page linked = target.read(Query.of(RECORDS.entitySetName()).select("dvm_benchrecordid", "_dvm_categoryid_value")
                .filter("_dvm_categoryid_value eq " + categoryId)).next();
        assertThat(linked.rows()).hasSize(10);
        assertThatThrownBy(() -> target.upsert(RECORDS, RowKey.id(missing), JsonRow.of("{\"dvm_name\":\"x\"}"), Precondition.EXISTS))
                .isInstanceOfSatisfying(RequestFailed.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> target.upsert(RECORDS, RowKey.id(BenchRows.ids(rows).getFirst()), JsonRow.of("{\"dvm_name\":\"x\"}"),
                Precondition.NOT_EXISTS))
                .isInstanceOfSatisfying(RequestFailed.class, e -> assertThat(e.status()).isEqualTo(412));
    }

    @Test
    void deletesCountRowsAlreadyGoneAsDeleted() {
        List<JsonRow> rows = BenchRows.rows("DEL", 30);
        target.upsert(RECORDS, rows);
        List<RowKey> keys = BenchRows.ids(rows).stream().map(RowKey::id).toList();

        assertThat(target.delete(RECORDS.entitySetName(), keys.subList(0, 10)).succeeded()).isEqualTo(10);
        WriteResult<RowKey> all = target.delete(RECORDS.entitySetName(), keys);

        assertThat(all.succeeded()).isEqualTo(30);
        assertThat(BenchRows.readBack(target, "DEL")).isEmpty();
        assertThat(target.delete(RECORDS.entitySetName(), keys.getFirst())).isFalse();
    }

    @Test
    void associatesManyToManyPairsAndAnExistingPairCountsAsLinked() {
        var project = demo.table("dvm_project");
        var relationship = project.manyToMany().getFirst();
        boolean projectIsFirst = relationship.entity1().equals("dvm_project");
        String navigation = projectIsFirst ? relationship.entity1NavigationProperty() : relationship.entity2NavigationProperty();
        String otherTable = projectIsFirst ? relationship.entity2() : relationship.entity1();
        var other = demo.table(otherTable);
        List<String> projects = firstIds(project.entitySetName(), project.table().primaryIdAttribute(), 3);
        List<String> others = firstIds(other.entitySetName(), other.table().primaryIdAttribute(), 4);
        List<Association> pairs = new ArrayList<>();
        for (String p : projects) {
            for (String o : others) {
                pairs.add(new Association(project.entitySetName(), p, navigation, other.entitySetName(), o));
            }
        }

        WriteResult<Association> linked = demo.associate(pairs);
        WriteResult<Association> again = demo.associate(pairs);

        assertThat(linked.succeeded()).isEqualTo(12);
        assertThat(again.succeeded()).as("already linked counts as linked").isEqualTo(12);
        assertThat(demo.disassociate(pairs).succeeded()).isEqualTo(12);
        assertThat(demo.disassociate(pairs).succeeded()).as("already unlinked counts as unlinked").isEqualTo(12);
    }

    @Test
    void requestsSpreadOverEveryApplicationUser() {
        try (DataverseClient twoUsers = DataverseClient.connect(emulator.settings("target")
                .user(io.dvmigrate.dataverse.config.AppUser.withSecret("second-app", emulator.secretReference("second", "second-secret")))
                .build())) {
            List<JsonRow> rows = BenchRows.rows("TWO", 60);

            assertThat(twoUsers.write(RECORDS, rows, WriteOperation.UPSERT, WriteOptions.of(WriteMode.SINGLE)).succeeded()).isEqualTo(60);

            // each request goes to the user with the most room, so the split follows how each user's limit adapts
            // (10 of 60 for one of them under a loaded CI machine); one user left idle would get none
            for (String user : List.of(Emulator.CLIENT_ID, "second-app")) {
                assertThat(emulator.emulator().admin().stats("target", user).orElseThrow().requests()).as(user)
                        .isGreaterThanOrEqualTo(6);
                assertThat(twoUsers.meterRegistry().find(io.dvmigrate.dataverse.metrics.ClientMetrics.DURATION)
                        .tag("environment", "target").tag("user", user).timer().count()).as(user).isGreaterThanOrEqualTo(6);
            }
        }
    }

    private static double refused(DataverseClient client) {
        return client.meterRegistry().find(io.dvmigrate.dataverse.metrics.ClientMetrics.REQUESTS).tag("status", "400")
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static List<String> firstIds(String entitySet, String primaryId, int count) {
        return demo.read(Query.of(entitySet).select(primaryId).top(count).pageSize(count)).next().rows().stream()
                .map(r -> r.id(primaryId).orElseThrow()).limit(count).toList();
    }
}
