package io.dvmigrate.dataverse.it;

import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.metadata.ColumnMetadata;
import io.dvmigrate.dataverse.metadata.KeyStatus;
import io.dvmigrate.dataverse.metadata.TableMetadata;
import io.dvmigrate.dataverse.metadata.TableSummary;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Pages;
import io.dvmigrate.dataverse.read.Query;
import io.dvmigrate.dataverse.write.RowKey;
import io.dvmigrate.dataverse.write.TableRef;
import io.dvmigrate.emulator.DataverseEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paged, streaming reads and metadata over real HTTP against the emulator. */
class ReadTest {

    private static final int BIG = 200_000;
    private static Emulator emulator;
    private static DataverseClient source;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(DataverseEmulator.builder()
                .environment("source", "demo")
                .environment("big", "generated:" + BIG));
        source = DataverseClient.connect(emulator.settings("source").build());
    }

    @AfterAll
    static void stop() {
        source.close();
        emulator.close();
    }

    @Test
    void readsEveryRowOnceFollowingNextLinksVerbatim() {
        long expected = emulator.emulator().rowCounts("source").get("contact");
        Pages pages = source.read(Query.of("contacts").select("contactid", "fullname").pageSize(100));
        Set<String> ids = new HashSet<>();
        int pageCount = 0;
        for (Page page : pages) {
            pageCount++;
            assertThat(page.rows().size()).isLessThanOrEqualTo(100);
            page.rows().forEach(row -> ids.add(row.id("contactid").orElseThrow()));
        }

        assertThat(ids).hasSize((int) expected);
        assertThat(pages.rowsRead()).isEqualTo(expected);
        assertThat(pageCount).isEqualTo((int) ((expected + 99) / 100));
    }

    @Test
    void expandsALookupAndAnnotatesPolymorphicOnes() {
        Page page = source.read(Query.of("contacts")
                .select("contactid", "_parentcustomerid_value")
                .filter("_parentcustomerid_value ne null")
                .expandLookup("parentcustomerid_account", "accountnumber", "name")
                .annotations("Microsoft.Dynamics.CRM.lookuplogicalname")
                .pageSize(5)).next();

        assertThat(page.rows()).isNotEmpty();
        JsonRow row = page.rows().getFirst();
        assertThat(row.text("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname")).isPresent();
        assertThat(row.toObjectNode().has("parentcustomerid_account")).isTrue();
    }

    @Test
    void changeTrackingGivesADeltaLinkThenChangesAndDeletions() {
        TableRef accounts = new TableRef("account", "accounts", "accountid");
        Pages initial = source.read(Query.of("accounts").select("name").trackChanges().pageSize(200));
        List<JsonRow> all = new ArrayList<>();
        initial.forEach(page -> all.addAll(page.rows()));
        String deltaLink = initial.deltaLink().orElseThrow();

        String changed = all.get(0).id("accountid").orElseThrow();
        String deleted = all.get(1).id("accountid").orElseThrow();
        source.upsert(accounts, RowKey.id(changed), JsonRow.of("{\"name\":\"Renamed by the delta test\"}"),
                io.dvmigrate.dataverse.write.Precondition.EXISTS);
        assertThat(source.delete("accounts", RowKey.id(deleted))).isTrue();

        Pages delta = source.read(Query.resume(deltaLink));
        List<JsonRow> changes = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        delta.forEach(page -> {
            changes.addAll(page.rows());
            deletions.addAll(page.deletedIds());
        });

        assertThat(changes).extracting(r -> r.id("accountid").orElseThrow()).containsExactly(changed);
        assertThat(changes.getFirst().text("name")).contains("Renamed by the delta test");
        assertThat(deletions).containsExactly(deleted);
        assertThat(delta.deltaLink()).isPresent().isNotEqualTo(java.util.Optional.of(deltaLink));
    }

    @Test
    void aRefusedReadSaysWhatDataverseSaid() {
        assertThatThrownBy(() -> source.read(Query.of("contacts").select("nosuchcolumn")).next())
                .isInstanceOfSatisfying(RequestFailed.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("0x80060888");
                    assertThat(e.request().uri().toString()).contains("$select=nosuchcolumn");
                })
                .hasMessageContaining("nosuchcolumn");
    }

    @Test
    void metadataOfTablesColumnsKeysAndRelationships() {
        List<TableSummary> tables = source.tables();
        assertThat(tables).extracting(TableSummary::logicalName).contains("account", "contact", "dvm_project");

        TableMetadata contact = source.table("contact");
        assertThat(contact.entitySetName()).isEqualTo("contacts");
        assertThat(contact.table().primaryIdAttribute()).isEqualTo("contactid");
        ColumnMetadata customer = contact.column("parentcustomerid").orElseThrow();
        assertThat(customer.targets()).containsExactlyInAnyOrder("account", "contact");
        assertThat(contact.relationshipsOf("parentcustomerid")).extracting(r -> r.navigationProperty())
                .containsExactlyInAnyOrder("parentcustomerid_account", "parentcustomerid_contact");
        assertThat(contact.column("firstname").orElseThrow().maxLength()).isPresent();
        assertThat(contact.column("statecode").orElseThrow().options()).isNotEmpty();
        assertThat(contact.columns()).filteredOn(ColumnMetadata::isShadow).isNotEmpty()
                .allSatisfy(shadow -> assertThat(shadow.validForCreate() || shadow.validForUpdate()).isFalse())
                .anySatisfy(shadow -> assertThat(shadow.attributeOf()).contains("parentcustomerid"));

        TableMetadata project = source.table("dvm_project");
        assertThat(project.manyToMany()).isNotEmpty();
        TableMetadata account = source.table("account");
        assertThat(account.activeKeys()).extracting(k -> k.attributes()).containsExactly(List.of("accountnumber"));

        DataverseClient big = DataverseClient.connect(emulator.settings("big").build());
        try (big) {
            TableMetadata record = big.table("dvm_benchrecord");
            assertThat(record.keys()).singleElement().satisfies(key -> {
                assertThat(key.attributes()).containsExactly("dvm_code");
                assertThat(key.status()).isEqualTo(KeyStatus.ACTIVE);
            });
            assertThat(record.column("dvm_status").orElseThrow().options()).hasSize(4);
            assertThat(big.rowCounts(List.of("dvm_benchrecord", "dvm_benchdetail")))
                    .containsEntry("dvm_benchrecord", (long) BIG).containsEntry("dvm_benchdetail", (long) BIG / 10);
        }
        assertThatThrownBy(() -> source.table("nosuchtable")).isInstanceOfSatisfying(RequestFailed.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void twoHundredThousandRowsInPagesOfFiveThousandWithA128MbHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process reader = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), CappedHeapReader.class.getName(),
                emulator.emulator().webApiUrl("big"), emulator.emulator().authority(), Emulator.CLIENT_ID,
                emulator.secretReference("capped", Emulator.SECRET), emulator.emulator().certificateFile().toString(),
                "dvm_benchrecords", "dvm_benchrecordid,dvm_name,dvm_description,dvm_amount,dvm_email", "5000")
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(output::add);
        }
        assertThat(reader.waitFor(120, TimeUnit.SECONDS)).isTrue();

        output.stream().filter(line -> line.startsWith("rows=")).forEach(line -> System.out.println("capped-heap read: " + line));
        assertThat(reader.exitValue()).as(String.join("\n", output)).isZero();
        assertThat(output).anySatisfy(line -> assertThat(line).startsWith("rows=" + BIG + " pages=40 duplicates=0 "));
    }
}
