package io.dvmigrate.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.ChunkId;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.JsonRows;
import io.dvmigrate.contracts.Match;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.ColumnRule;
import io.dvmigrate.contracts.TableJob.KeyBinding;
import io.dvmigrate.contracts.TableJob.LookupRule;
import io.dvmigrate.contracts.TableJob.LookupTarget;
import io.dvmigrate.contracts.TableJob.PrincipalMap;
import io.dvmigrate.contracts.TableJob.Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChunkTransformerTest {
    private static final UUID RUN = UUID.randomUUID();
    private static final String ALICE_SOURCE = "11111111-0000-0000-0000-000000000001";
    private static final String ALICE_TARGET = "22222222-0000-0000-0000-000000000001";
    private static final String FALLBACK = "22222222-0000-0000-0000-0000000000ff";

    private final ChunkTransformer transformer = new ChunkTransformer();

    /** contact as the demo plan maps it: renamed column, option map, default, polymorphic customer, owner, key-bound project. */
    private static TableJob contactJob(Principal fallback) {
        return new TableJob("contact", "contactid", "contact", "contacts", "contactid", TableJob.Action.UPSERT, Match.byId(),
                List.of(ColumnRule.same("firstname"), new ColumnRule("jobtitle", "description", Map.of()),
                        new ColumnRule("preferredcontactmethodcode", "preferredcontactmethodcode", Map.of(1, 3)),
                        ColumnRule.same("statecode"), ColumnRule.same("statuscode")),
                List.of(new LookupRule("parentcustomerid", "parentcustomerid", List.of(
                                new LookupTarget("account", "parentcustomerid_account", "accounts", null, null),
                                new LookupTarget("contact", "parentcustomerid_contact", "contacts", null, null)), null),
                        new LookupRule("ownerid", "ownerid", List.of(
                                new LookupTarget("systemuser", "ownerid", "systemusers", null, null),
                                new LookupTarget("team", "ownerid", "teams", null, null)),
                                new PrincipalMap(Map.of(ALICE_SOURCE, new Principal("systemuser", "systemusers", ALICE_TARGET)),
                                        fallback)),
                        new LookupRule("dvm_projectid", "dvm_projectid", List.of(new LookupTarget("dvm_project", "dvm_ProjectId",
                                "dvm_projects", new KeyBinding(List.of("dvm_code"), List.of("dvm_code")), "dvm_ProjectId")), null)),
                Map.of("telephone1", Json.MAPPER.getNodeFactory().textNode("n/a")),
                TableJob.WriteOptions.defaults(), null);
    }

    private static byte[] row(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static Chunk chunkOf(TableJob job, byte[]... rows) {
        return new Chunk(new Chunk.Header(new ChunkId(RUN, job.sourceTable(), Pass.DATA, 3), Chunk.Content.SOURCE_ROWS,
                null, job, List.of()), JsonRows.of(List.of(rows)));
    }

    private static List<JsonNode> rowsOf(Chunk chunk) throws IOException {
        List<JsonNode> rows = new java.util.ArrayList<>();
        for (byte[] bytes : chunk.rows().split()) {
            rows.add(Json.MAPPER.readTree(bytes));
        }
        return rows;
    }

    @Test
    void mapsColumnsLookupsOwnersAndDefaultsIntoTheTargetWireForm() throws IOException {
        byte[] source = row("{'@odata.etag':'W/\\'1\\'','contactid':'c-1','firstname':'Ann','jobtitle':'CFO',"
                + "'preferredcontactmethodcode':1,'statecode':1,'statuscode':2,'createdon':'2019-03-25T13:41:21Z',"
                + "'_parentcustomerid_value':'a-1','_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname':'account',"
                + "'_ownerid_value':'" + ALICE_SOURCE + "','_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname':'systemuser',"
                + "'_dvm_projectid_value':'p-1','dvm_ProjectId':{'dvm_code':'PRJ-O\\u0027Neil','dvm_projectid':'p-1'}}");

        ChunkTransformer.Result result = transformer.transform(chunkOf(contactJob(null), source));

        assertThat(result.deadLetters()).isEmpty();
        assertThat(result.mapped().header().content()).isEqualTo(Chunk.Content.TARGET_ROWS);
        JsonNode mapped = rowsOf(result.mapped()).get(0);
        assertThat(mapped.get("contactid").asText()).isEqualTo("c-1");
        assertThat(mapped.get("firstname").asText()).isEqualTo("Ann");
        assertThat(mapped.get("description").asText()).isEqualTo("CFO");
        assertThat(mapped.has("jobtitle")).isFalse();
        assertThat(mapped.get("preferredcontactmethodcode").asInt()).isEqualTo(3);
        assertThat(mapped.get("statecode").asInt()).isEqualTo(1);
        assertThat(mapped.get("statuscode").asInt()).isEqualTo(2);
        assertThat(mapped.get("telephone1").asText()).isEqualTo("n/a");
        assertThat(mapped.get("parentcustomerid_account@odata.bind").asText()).isEqualTo("/accounts(a-1)");
        assertThat(mapped.get("ownerid@odata.bind").asText()).isEqualTo("/systemusers(" + ALICE_TARGET + ")");
        assertThat(mapped.get("dvm_ProjectId@odata.bind").asText()).isEqualTo("/dvm_projects(dvm_code='PRJ-O''Neil')");
        assertThat(mapped.has("createdon")).as("system columns are never written").isFalse();
        assertThat(mapped.has("@odata.etag")).isFalse();
        assertThat(mapped.has("_parentcustomerid_value")).isFalse();
    }

    @Test
    void aPolymorphicLookupBindsThroughTheNavigationPropertyOfItsTable() throws IOException {
        byte[] source = row("{'contactid':'c-2','_parentcustomerid_value':'c-1',"
                + "'_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname':'contact'}");

        JsonNode mapped = rowsOf(transformer.transform(chunkOf(contactJob(null), source)).mapped()).get(0);

        assertThat(mapped.get("parentcustomerid_contact@odata.bind").asText()).isEqualTo("/contacts(c-1)");
        assertThat(mapped.has("parentcustomerid_account@odata.bind")).isFalse();
    }

    @Test
    void anUnmappedOwnerFallsBackWhenThePlanNamesAFallback() throws IOException {
        byte[] source = row("{'contactid':'c-3','_ownerid_value':'99999999-0000-0000-0000-000000000009',"
                + "'_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname':'systemuser'}");

        JsonNode mapped = rowsOf(transformer.transform(chunkOf(contactJob(
                new Principal("systemuser", "systemusers", FALLBACK)), source)).mapped()).get(0);

        assertThat(mapped.get("ownerid@odata.bind").asText()).isEqualTo("/systemusers(" + FALLBACK + ")");
    }

    @Test
    void rowsThatCannotBeMappedBecomeDeadLettersAndTheRestGoesOn() throws IOException {
        byte[] good = row("{'contactid':'c-4','firstname':'Bo'}");
        byte[] unknownOwner = row("{'contactid':'c-5','_ownerid_value':'99999999-0000-0000-0000-000000000009'}");
        byte[] leadCustomer = row("{'contactid':'c-6','_parentcustomerid_value':'l-1',"
                + "'_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname':'lead'}");
        byte[] projectUnreadable = row("{'contactid':'c-7','_dvm_projectid_value':'p-9'}");

        ChunkTransformer.Result result = transformer.transform(
                chunkOf(contactJob(null), good, unknownOwner, leadCustomer, projectUnreadable));

        assertThat(rowsOf(result.mapped())).extracting(r -> r.get("contactid").asText()).containsExactly("c-4");
        assertThat(result.mapped().header().rejected()).extracting(r -> r.id()).containsExactly("c-5", "c-6", "c-7");
        assertThat(result.deadLetters()).extracting(d -> d.id()).containsExactly("c-5", "c-6", "c-7");
        assertThat(result.deadLetters().get(0).error().message())
                .contains("ownerid").contains("99999999-0000-0000-0000-000000000009").contains("no counterpart");
        assertThat(result.deadLetters().get(1).error().message()).contains("parentcustomerid").contains("lead");
        assertThat(result.deadLetters().get(2).error().message()).contains("dvm_projectid").contains("key values");
        assertThat(result.deadLetters()).allSatisfy(d -> {
            assertThat(d.stage()).isEqualTo("transformer");
            assertThat(d.error().code()).isEqualTo(RowRejected.CODE);
            assertThat(d.row().get("contactid")).isNotNull();
        });
    }

    @Test
    void matchByKeyIdentifiesTheTargetRowByItsKeyUrl() throws IOException {
        TableJob project = new TableJob("dvm_project", "dvm_projectid", "dvm_project", "dvm_projects", "dvm_projectid",
                TableJob.Action.UPSERT, Match.byKey("dvm_code_key", List.of("dvm_code")), List.of(ColumnRule.same("dvm_code"),
                ColumnRule.same("dvm_name")), List.of(), Map.of(), TableJob.WriteOptions.defaults(), null);

        ChunkTransformer.Result result = transformer.transform(chunkOf(project,
                row("{'dvm_projectid':'p-1','dvm_code':'PRJ-1','dvm_name':'Roof'}"),
                row("{'dvm_projectid':'p-2','dvm_code':null,'dvm_name':'No code'}")));

        JsonNode mapped = rowsOf(result.mapped()).get(0);
        assertThat(mapped.get("@odata.id").asText()).isEqualTo("dvm_projects(dvm_code='PRJ-1')");
        assertThat(mapped.has("dvm_projectid")).as("the target keeps its own ids").isFalse();
        assertThat(result.deadLetters()).singleElement()
                .satisfies(d -> {
                    assertThat(d.error().message()).contains("dvm_code_key");
                    assertThat(d.id()).isEqualTo("dvm_projectid=p-2");
                });
    }

    @Test
    void intersectRowsBecomeAssociations() throws IOException {
        TableJob.ManyToManyRule rule = new TableJob.ManyToManyRule("dvm_event_contact", "dvm_event_contactset",
                new TableJob.ManyToManyRule.Side("dvm_event", "dvm_eventid", "dvm_events", "dvm_event_contact"),
                new TableJob.ManyToManyRule.Side("contact", "contactid", "contacts", "dvm_event_contact"));
        TableJob job = new TableJob("dvm_event_contact", "dvm_event_contactid", "dvm_event_contact", "dvm_events",
                "dvm_eventid", TableJob.Action.ASSOCIATE, Match.byId(), List.of(), List.of(), Map.of(), TableJob.WriteOptions.defaults(), rule);

        JsonNode mapped = rowsOf(transformer.transform(chunkOf(job,
                row("{'dvm_event_contactid':'x','dvm_eventid':'e-1','contactid':'c-1'}"))).mapped()).get(0);

        assertThat(mapped.get("from").asText()).isEqualTo("e-1");
        assertThat(mapped.get("to").asText()).isEqualTo("c-1");
    }
}
