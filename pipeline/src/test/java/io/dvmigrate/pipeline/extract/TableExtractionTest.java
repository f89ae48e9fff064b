package io.dvmigrate.pipeline.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ExtractCommand;
import io.dvmigrate.contracts.ExtractCommand.Expand;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.Match;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.RowIdentity;
import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.ColumnRule;
import io.dvmigrate.contracts.TableJob.LookupRule;
import io.dvmigrate.contracts.TableJob.LookupTarget;
import io.dvmigrate.contracts.TableJob.Principal;
import io.dvmigrate.contracts.TableJob.PrincipalMap;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Query;
import io.dvmigrate.dataverse.write.TableRef;
import io.dvmigrate.dataverse.write.WriteOperation;
import io.dvmigrate.dataverse.write.WriteOptions;
import io.dvmigrate.service.DataverseConnections;
import io.dvmigrate.testing.EmulatedEnvironments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One table read from an emulated source into numbered chunks, over real HTTP: chunk limits, every row once, the
 * query as given, the user mapping cut per chunk, and the target rows the source lacks for deletes and verify.
 */
class TableExtractionTest {
    /** generated:N environments share ids: the target has the source's 240 records and 20 more. */
    private static final int SOURCE_ROWS = 240;
    private static final int TARGET_ONLY_ROWS = 20;
    private static final String ID = "dvm_benchrecordid";
    private static final String RECORDS = "dvm_benchrecords";
    private static final String LOOKUP_TABLE = "@Microsoft.Dynamics.CRM.lookuplogicalname";
    private static final TableJob RECORD_JOB = new TableJob("dvm_benchrecord", ID, "dvm_benchrecord", RECORDS, ID,
            TableJob.Action.UPSERT, Match.byId(), List.of(ColumnRule.same("dvm_name"), ColumnRule.same("dvm_code"),
            ColumnRule.same("dvm_quantity")), List.of(), Map.of(), TableJob.WriteOptions.defaults(), null);
    private static final ExtractCommand.Query RECORD_QUERY = new ExtractCommand.Query(RECORDS,
            List.of(ID, "dvm_name", "dvm_code", "dvm_quantity"), null, List.of(), List.of(ID));
    private static final ExtractCommand.Query RECORD_IDS = new ExtractCommand.Query(RECORDS, List.of(ID), null,
            List.of(), List.of(ID));

    private static EmulatedEnvironments environments;
    private static final Map<String, DataverseClient> clients = new HashMap<>();

    @BeforeAll
    static void start() {
        environments = EmulatedEnvironments.start(Map.of("source", "generated:" + SOURCE_ROWS,
                "target", "generated:" + (SOURCE_ROWS + TARGET_ONLY_ROWS), "crm", "demo:480", "keyed", "generated:0"));
        for (String name : List.of("source", "target", "crm", "keyed")) {
            clients.put(name, DataverseClient.connect(DataverseConnections.settingsOf(environments.ref(name))));
        }
    }

    @AfterAll
    static void stop() {
        clients.values().forEach(DataverseClient::close);
        environments.close();
    }

    @Test
    void rowsAreCutIntoChunksNumberedFromZeroOfAtMostTheRowLimitWithEveryRowOnce() {
        ExtractCommand command = command(Pass.DATA, RECORD_QUERY, null, 100, ExtractCommand.DEFAULT_CHUNK_BYTES);

        RecordedExtraction out = extract(command, 70);

        assertThat(out.chunks).extracting(c -> c.id().number()).containsExactly(0, 1, 2);
        assertThat(out.chunks).extracting(c -> c.rows().count()).containsExactly(100, 100, 40);
        assertThat(out.chunks).allSatisfy(chunk -> {
            assertThat(chunk.id().run()).isEqualTo(command.run());
            assertThat(chunk.id().table()).isEqualTo("dvm_benchrecord");
            assertThat(chunk.id().pass()).isEqualTo(Pass.DATA);
            assertThat(chunk.header().content()).isEqualTo(Chunk.Content.SOURCE_ROWS);
            assertThat(chunk.header().target()).isEqualTo(environments.ref("target"));
            assertThat(chunk.header().job()).isEqualTo(RECORD_JOB);
            assertThat(chunk.header().rejected()).isEmpty();
        });
        List<String> extracted = ids(out.chunks, ID);
        assertThat(extracted).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(read("source", RECORDS, ID, null));
        assertThat(out.completed()).isEqualTo(new RunEvent.ExtractCompleted(command.run(), "dvm_benchrecord", Pass.DATA, 3,
                SOURCE_ROWS));
        assertThat(out.events.get(0)).isEqualTo(new RunEvent.ExtractStarted(command.run(), "dvm_benchrecord", Pass.DATA, 0));
        assertThat(out.timeline).as("completed only once every chunk is acknowledged")
                .endsWith("chunk 2", "flush", "ExtractCompleted");
    }

    @Test
    void aChunkNeverExceedsTheByteLimitAndIsFilledUpToIt() {
        int limit = 3000;
        ExtractCommand.Query wide = new ExtractCommand.Query(RECORDS, List.of(ID, "dvm_name", "dvm_description"), null,
                List.of(), List.of(ID));

        RecordedExtraction out = extract(command(Pass.DATA, wide, null, 500, limit), 5000);

        assertThat(out.chunks).hasSizeGreaterThan(SOURCE_ROWS / 500 + 1);
        assertThat(out.chunks).allSatisfy(chunk -> assertThat(chunk.rows().byteSize()).isLessThanOrEqualTo(limit));
        for (int i = 0; i + 1 < out.chunks.size(); i++) {
            int nextRow = out.chunks.get(i + 1).rows().split().get(0).length;
            assertThat(out.chunks.get(i).rows().byteSize() + nextRow + 1).as("chunk %d could not take one more row", i)
                    .isGreaterThan(limit);
        }
        assertThat(ids(out.chunks, ID)).hasSize(SOURCE_ROWS).doesNotHaveDuplicates();
        assertThat(out.completed().chunks()).isEqualTo(out.chunks.size());
        assertThat(out.completed().rows()).isEqualTo(SOURCE_ROWS);
    }

    @Test
    void aRowLargerThanTheByteLimitTravelsInAChunkOfItsOwn() {
        RecordedExtraction out = extract(command(Pass.DATA, RECORD_QUERY, null, 100, 16), 5000);

        assertThat(out.chunks).hasSize(SOURCE_ROWS).allSatisfy(chunk -> assertThat(chunk.rows().count()).isEqualTo(1));
        assertThat(out.completed().chunks()).isEqualTo(SOURCE_ROWS);
    }

    @Test
    void theQueryIsReadAsGivenItsFilterColumnsAndExpandedParentKey() {
        String filter = "dvm_quantity ge 50000";
        ExtractCommand.Query query = new ExtractCommand.Query(RECORDS, List.of(ID, "dvm_name", "dvm_quantity",
                "_dvm_categoryid_value"), filter, List.of(new Expand("dvm_CategoryId", List.of("dvm_code"))), List.of(ID));

        RecordedExtraction out = extract(command(Pass.DATA, query, null, 50, ExtractCommand.DEFAULT_CHUNK_BYTES), 5000);

        List<String> expected = read("source", RECORDS, ID, filter);
        assertThat(expected).hasSizeBetween(1, SOURCE_ROWS - 1);
        assertThat(ids(out.chunks, ID)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(out.completed().rows()).isEqualTo(expected.size());
        assertThat(rows(out.chunks)).allSatisfy(row -> {
            assertThat(row.get("dvm_quantity").asInt()).isGreaterThanOrEqualTo(50000);
            assertThat(fieldNames(row)).isSubsetOf(ID, "dvm_name", "dvm_quantity", "_dvm_categoryid_value",
                    "_dvm_categoryid_value" + LOOKUP_TABLE, "dvm_CategoryId", "@odata.etag");
            assertThat(row.get("_dvm_categoryid_value" + LOOKUP_TABLE).asText()).isEqualTo("dvm_benchcategory");
            assertThat(row.get("dvm_CategoryId").get("dvm_code").asText()).isEqualTo("CAT-000001");
        });
    }

    @Test
    void aQueryWithoutRowsCompletesWithNoChunk() {
        ExtractCommand.Query none = new ExtractCommand.Query(RECORDS, List.of(ID), "dvm_quantity lt 0", List.of(), List.of(ID));

        RecordedExtraction out = extract(command(Pass.DATA, none, null, 100, ExtractCommand.DEFAULT_CHUNK_BYTES), 5000);

        assertThat(out.chunks).isEmpty();
        assertThat(out.completed().chunks()).isZero();
        assertThat(out.completed().rows()).isZero();
        assertThat(out.timeline).containsExactly("ExtractStarted", "flush", "ExtractCompleted");
    }

    @Test
    void eachChunkCarriesOnlyTheUsersAndTeamsItsRowsReferTo() {
        Set<String> owners = new HashSet<>(read("crm", "contacts", "_ownerid_value", null));
        assertThat(owners).as("demo contacts belong to several users and a team").hasSizeGreaterThan(3);
        Map<String, Principal> mapping = new HashMap<>();
        owners.forEach(owner -> mapping.put(owner, new Principal("systemuser", "systemusers", UUID.randomUUID().toString())));
        mapping.put(UUID.randomUUID().toString(), new Principal("team", "teams", UUID.randomUUID().toString()));
        Principal fallback = new Principal("systemuser", "systemusers", UUID.randomUUID().toString());
        LookupRule owner = new LookupRule("ownerid", "ownerid", List.of(
                new LookupTarget("systemuser", "ownerid", "systemusers", null, null),
                new LookupTarget("team", "ownerid", "teams", null, null)), new PrincipalMap(mapping, fallback));
        LookupRule parent = new LookupRule("parentcustomerid", "parentcustomerid", List.of(
                new LookupTarget("account", "parentcustomerid_account", "accounts", null, null)), null);
        TableJob contacts = new TableJob("contact", "contactid", "contact", "contacts", "contactid", TableJob.Action.UPSERT,
                Match.byId(), List.of(ColumnRule.same("firstname")), List.of(owner, parent), Map.of(),
                TableJob.WriteOptions.defaults(), null);
        ExtractCommand.Query query = new ExtractCommand.Query("contacts", List.of("contactid", "firstname", "_ownerid_value",
                "_parentcustomerid_value"), null, List.of(), List.of("contactid"));
        ExtractCommand command = new ExtractCommand(UUID.randomUUID(), "contact", Pass.DATA, environments.ref("crm"),
                environments.ref("target"), query, null, contacts, 4, ExtractCommand.DEFAULT_CHUNK_BYTES);

        RecordedExtraction out = extract(command, 5000);

        assertThat(out.chunks).hasSizeGreaterThan(2);
        Set<Set<String>> distinctMappings = new HashSet<>();
        for (Chunk chunk : out.chunks) {
            Set<String> referenced = rows(List.of(chunk)).stream().map(r -> r.path("_ownerid_value").asText(null))
                    .filter(id -> id != null).collect(Collectors.toSet());
            LookupRule carried = chunk.header().job().lookups().get(0);
            assertThat(carried.principals().principals().keySet()).as("chunk %d", chunk.id().number())
                    .isEqualTo(referenced);
            referenced.forEach(id -> assertThat(carried.principals().principals().get(id)).isEqualTo(mapping.get(id)));
            assertThat(carried.principals().fallback()).isEqualTo(fallback);
            assertThat(chunk.header().job().lookups().get(1)).isEqualTo(parent);
            distinctMappings.add(carried.principals().principals().keySet());
        }
        assertThat(distinctMappings).as("chunks refer to different owners").hasSizeGreaterThan(1);
    }

    @Test
    void theDeletesPassEmitsOnlyTheTargetRowsTheSourceLacks() {
        ExtractCommand command = command(Pass.DELETES, RECORD_IDS, RECORD_IDS, 8, ExtractCommand.DEFAULT_CHUNK_BYTES);

        RecordedExtraction out = extract(command, 50, 7);

        List<String> expected = new ArrayList<>(read("target", RECORDS, ID, null));
        expected.removeAll(read("source", RECORDS, ID, null));
        assertThat(expected).hasSize(TARGET_ONLY_ROWS);
        assertThat(out.chunks).extracting(c -> c.header().content()).containsOnly(Chunk.Content.TARGET_ONLY);
        assertThat(out.chunks).extracting(c -> c.rows().count()).containsExactly(8, 8, 4);
        assertThat(ids(out.chunks, ID)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(out.completed()).isEqualTo(new RunEvent.ExtractCompleted(command.run(), "dvm_benchrecord",
                Pass.DELETES, 3, TARGET_ONLY_ROWS));
    }

    @Test
    void targetRowsWhoseSourceRowsTheFilterExcludesAreTargetOnlyToo() {
        String filter = "dvm_quantity ge 50000";
        ExtractCommand.Query filtered = new ExtractCommand.Query(RECORDS, List.of(ID), filter, List.of(), List.of(ID));

        RecordedExtraction out = extract(command(Pass.DELETES, filtered, RECORD_IDS, 500,
                ExtractCommand.DEFAULT_CHUNK_BYTES), 50, 9);

        List<String> expected = new ArrayList<>(read("target", RECORDS, ID, null));
        expected.removeAll(read("source", RECORDS, ID, filter));
        assertThat(expected).hasSizeGreaterThan(TARGET_ONLY_ROWS);
        assertThat(ids(out.chunks, ID)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void matchedByKeyATargetRowWithAnotherIdButAKeyTheSourceHasIsNotTargetOnly() {
        TableRef table = new TableRef("dvm_benchrecord", RECORDS, ID);
        List<JsonRow> written = new ArrayList<>();
        for (String code : List.of("REC-000000001", "REC-000000002", "REC-000000003", "ONLY-1", "ONLY-2")) {
            written.add(JsonRow.of("{\"" + ID + "\":\"" + UUID.randomUUID() + "\",\"dvm_name\":\"n\",\"dvm_code\":\""
                    + code + "\"}"));
        }
        assertThat(clients.get("keyed").write(table, written, WriteOperation.UPSERT, WriteOptions.DEFAULT).failures())
                .isEmpty();
        TableJob byKey = new TableJob("dvm_benchrecord", ID, "dvm_benchrecord", RECORDS, ID, TableJob.Action.DELETE,
                Match.byKey("dvm_benchrecord_code", List.of("dvm_code")), List.of(ColumnRule.same("dvm_code")), List.of(),
                Map.of(), TableJob.WriteOptions.defaults(), null);
        ExtractCommand command = new ExtractCommand(UUID.randomUUID(), "dvm_benchrecord", Pass.DELETES,
                environments.ref("source"), environments.ref("keyed"),
                new ExtractCommand.Query(RECORDS, List.of("dvm_code"), null, List.of(), List.of("dvm_code")),
                new ExtractCommand.Query(RECORDS, List.of("dvm_code", ID), null, List.of(), List.of("dvm_code")),
                byKey, 100, ExtractCommand.DEFAULT_CHUNK_BYTES);

        RecordedExtraction out = extract(command, 5000);

        assertThat(rows(out.chunks)).extracting(row -> RowIdentity.ofTargetRow(byKey, row))
                .containsExactlyInAnyOrder("dvm_code='ONLY-1'", "dvm_code='ONLY-2'");
    }

    @Test
    void theVerifyPassSendsTheSourceRowsThenTheTargetOnlyRowsNeverInOneChunk() {
        ExtractCommand command = command(Pass.VERIFY, RECORD_QUERY, RECORD_IDS, 100, ExtractCommand.DEFAULT_CHUNK_BYTES);

        RecordedExtraction out = extract(command, 5000);

        assertThat(out.chunks).extracting(c -> c.header().content()).containsExactly(Chunk.Content.SOURCE_ROWS,
                Chunk.Content.SOURCE_ROWS, Chunk.Content.SOURCE_ROWS, Chunk.Content.TARGET_ONLY);
        assertThat(out.chunks).extracting(c -> c.rows().count()).containsExactly(100, 100, 40, TARGET_ONLY_ROWS);
        assertThat(out.chunks).extracting(c -> c.id().number()).containsExactly(0, 1, 2, 3);
        assertThat(out.completed().chunks()).isEqualTo(4);
        assertThat(out.completed().rows()).isEqualTo(SOURCE_ROWS + TARGET_ONLY_ROWS);
    }

    @Test
    void aQueryTheSourceRefusesFailsTheExtractionWithoutCompletingIt() {
        ExtractCommand.Query wrong = new ExtractCommand.Query(RECORDS, List.of(ID, "dvm_nosuchcolumn"), null, List.of(),
                List.of(ID));
        RecordedExtraction out = new RecordedExtraction();
        TableExtraction extraction = new TableExtraction(command(Pass.DATA, wrong, null, 100,
                ExtractCommand.DEFAULT_CHUNK_BYTES), clients.get("source"), clients.get("target"), out, out, 5000, 50);

        assertThatThrownBy(extraction::run).isInstanceOf(RequestFailed.class).hasMessageContaining("dvm_nosuchcolumn");
        assertThat(out.chunks).isEmpty();
        assertThat(out.timeline).containsExactly("ExtractStarted");
    }

    private static ExtractCommand command(Pass pass, ExtractCommand.Query query, ExtractCommand.Query targetQuery,
            int chunkRows, int chunkBytes) {
        return new ExtractCommand(UUID.randomUUID(), "dvm_benchrecord", pass, environments.ref("source"),
                environments.ref("target"), query, targetQuery, RECORD_JOB, chunkRows, chunkBytes);
    }

    private static RecordedExtraction extract(ExtractCommand command, int pageSize) {
        return extract(command, pageSize, 50);
    }

    /** Runs the extraction against the environments the command names. */
    private static RecordedExtraction extract(ExtractCommand command, int pageSize, int existenceBatch) {
        RecordedExtraction out = new RecordedExtraction();
        new TableExtraction(command, clients.get(command.source().name()), clients.get(command.target().name()), out, out,
                pageSize, existenceBatch).run();
        return out;
    }

    /** A column of every row of a set, read through the Web API independently of the extraction. */
    private static List<String> read(String environment, String entitySet, String column, String filter) {
        Query query = Query.of(entitySet).select(column);
        if (filter != null) {
            query = query.filter(filter);
        }
        List<String> values = new ArrayList<>();
        for (Page page : clients.get(environment).read(query)) {
            for (JsonRow row : page.rows()) {
                row.text(column).ifPresent(values::add);
            }
        }
        return values;
    }

    private static List<JsonNode> rows(List<Chunk> chunks) {
        List<JsonNode> rows = new ArrayList<>();
        for (Chunk chunk : chunks) {
            for (byte[] row : chunk.rows().split()) {
                try {
                    rows.add(Json.MAPPER.readTree(row));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return rows;
    }

    private static List<String> ids(List<Chunk> chunks, String column) {
        return rows(chunks).stream().map(row -> row.get(column).asText()).toList();
    }

    private static List<String> fieldNames(JsonNode row) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
