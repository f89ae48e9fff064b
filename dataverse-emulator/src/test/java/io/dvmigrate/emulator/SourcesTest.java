package io.dvmigrate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The environment sources: a real $metadata, real CMT packages, the JSON format, the generator and demo:N. */
class SourcesTest {
    private static final Path CSDL = RealDataFiles.path("metadata/dataverse-v9.1-crm4.csdl.xml");
    private static final Path NONPROFIT = RealDataFiles.path("cmt/nonprofit-accelerator/DefaultData.zip");
    private static final Path DOTNETPROG = RealDataFiles.path("cmt/dotnetprog");
    private static DataverseEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = DataverseEmulator.builder()
                .environment("crm4", "csdl:" + CSDL)
                .environment("nonprofit", "cmt:" + NONPROFIT)
                .environment("nonprofitschema", "cmt-schema:" + NONPROFIT)
                .environment("dotnetprog", "cmt:" + DOTNETPROG)
                .environment("bench", "generated:1000")
                .environment("benchtarget", "generated:0")
                .environment("small", "demo:480")
                .start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void aRealMetadataDocumentListsAllItsEntitySetsAndDescribesAccount() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher set = Pattern.compile("<EntitySet Name=\"([^\"]+)\"").matcher(Files.readString(CSDL));
        while (set.find()) {
            documented.add(set.group(1));
        }
        assertThat(documented).hasSize(269);
        TestClient api = TestClient.of(emulator, "crm4");
        Set<String> served = new TreeSet<>();
        api.get("").json().get("value").forEach(s -> served.add(s.get("name").asText()));
        assertThat(served).isEqualTo(documented);

        JsonNode account = api.get("EntityDefinitions(LogicalName='account')?$expand=Attributes($select=LogicalName,AttributeType),Keys").json();
        assertThat(account.get("EntitySetName").asText()).isEqualTo("accounts");
        assertThat(account.get("PrimaryIdAttribute").asText()).isEqualTo("accountid");
        assertThat(account.get("Attributes").size()).isGreaterThan(100);
        Map<String, String> types = new LinkedHashMap<>();
        account.get("Attributes").forEach(a -> types.put(a.get("LogicalName").asText(), a.get("AttributeType").asText()));
        assertThat(types).containsEntry("name", "String").containsEntry("ownerid", "Owner")
                .containsEntry("primarycontactid", "Lookup").containsEntry("revenue", "Money").containsEntry("statecode", "State");
        JsonNode lookups = api.get("EntityDefinitions(LogicalName='contact')/ManyToOneRelationships?$select=ReferencingAttribute,"
                + "ReferencingEntityNavigationPropertyName").json().get("value");
        List<String> navigations = new ArrayList<>();
        lookups.forEach(l -> navigations.add(l.get("ReferencingEntityNavigationPropertyName").asText()));
        assertThat(navigations).contains("parentcustomerid_account", "parentcustomerid_contact", "ownerid");
        JsonNode keyed = api.get("EntityDefinitions?$select=LogicalName&$expand=Keys($select=KeyAttributes,EntityKeyIndexStatus)")
                .json().get("value");
        int keys = 0;
        for (JsonNode table : keyed) {
            keys += table.get("Keys").size();
        }
        assertThat(keys).isPositive();
        assertThat(api.get("$metadata").body()).contains("OData.Community.Keys.V1.AlternateKeys");
        assertThat(api.post("accounts", Map.of("name", "Into a csdl environment")).status()).isEqualTo(204);
    }

    @Test
    void aRealCmtPackageLoadsWithThePackagesRowCounts() throws Exception {
        Map<String, Integer> expected = recordCounts(xml(zipEntry(NONPROFIT, "data.xml")));
        Map<String, Long> loaded = emulator.rowCounts("nonprofit");
        assertThat(expected).hasSizeGreaterThan(30);
        expected.forEach((table, count) -> assertThat(loaded.get(table)).as(table).isEqualTo((long) count));
        assertThat(expected.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(737);

        TestClient api = TestClient.of(emulator, "nonprofit");
        for (JsonNode account : api.get("accounts?$select=_ownerid_value,_transactioncurrencyid_value").json().get("value")) {
            assertThat(api.get("systemusers(" + account.get("_ownerid_value").asText() + ")").status())
                    .as("the owner the package refers to exists").isEqualTo(200);
        }
        JsonNode membership = api.get("EntityDefinitions(LogicalName='msnfp_membership')/ManyToManyRelationships").json()
                .get("value");
        assertThat(membership.size()).isPositive();
        String withDates = api.get("contacts?$select=createdon&$top=1").json().get("value").get(0).get("createdon").asText();
        assertThat(withDates).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(emulator.rowCounts("nonprofitschema").get("account")).isZero();
        assertThat(emulator.rowCounts("nonprofitschema")).containsKey("sla");
    }

    @Test
    void aCmtFolderWithPolymorphicLookupsAndManyToMany() throws Exception {
        Document data = xml(Files.readAllBytes(DOTNETPROG.resolve("data.xml")));
        Map<String, Integer> expected = recordCounts(data);
        Map<String, Long> loaded = emulator.rowCounts("dotnetprog");
        expected.forEach((table, count) -> assertThat(loaded.get(table)).as(table).isEqualTo((long) count));
        int pairs = 0;
        NodeList targets = data.getElementsByTagName("targetid");
        pairs += targets.getLength();
        assertThat(loaded.get("fdn_insuranceproductnature_fdn_insuranc")).isPositive();
        long intersectRows = loaded.entrySet().stream().filter(e -> e.getKey().startsWith("fdn_") && e.getKey().length() > 0
                && !expected.containsKey(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        assertThat(intersectRows).isLessThanOrEqualTo(pairs).isPositive();
        TestClient api = TestClient.of(emulator, "dotnetprog");
        JsonNode customer = api.get("EntityDefinitions(LogicalName='fdn_insuranceproductnature')/Attributes(LogicalName='fdn_customer')"
                + "?$select=AttributeType,Targets").json();
        assertThat(customer.get("AttributeType").asText()).isEqualTo("Customer");
        assertThat(api.get("fdn_insuranceproductnatures?$select=_fdn_customer_value&$filter=_fdn_customer_value%20ne%20null",
                "Prefer", "odata.include-annotations=\"*\"").json().get("value").get(0)
                .get("_fdn_customer_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText()).isIn("account", "contact");
    }

    @Test
    void theJsonFormatDefinesTablesRowsAndAssociations(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("items.jsonl"), """
                {"dvm_itemid":"6c0b2a3e-0000-4000-8000-000000000001","dvm_name":"First","dvm_kind":1,"dvm_categoryid":"6c0b2a3e-0000-4000-8000-0000000000c1"}
                {"dvm_itemid":"6c0b2a3e-0000-4000-8000-000000000002","dvm_name":"Second","dvm_kind":2,"dvm_price":12.5}
                """);
        Path document = directory.resolve("schema.json");
        Files.writeString(document, """
                {"tables":[
                  {"logicalName":"dvm_category","entitySetName":"dvm_categories","primaryName":"dvm_name","custom":true,
                   "columns":[{"name":"dvm_name","type":"String","maxLength":50}],
                   "keys":[{"name":"dvm_category_name","columns":["dvm_name"]}],
                   "rows":[{"dvm_categoryid":"6c0b2a3e-0000-4000-8000-0000000000c1","dvm_name":"Tools"}]},
                  {"logicalName":"dvm_item","entitySetName":"dvm_items","primaryName":"dvm_name","custom":true,
                   "columns":[{"name":"dvm_name","type":"String","maxLength":80,"required":"SystemRequired"},
                              {"name":"dvm_kind","type":"Picklist","options":[{"value":1,"label":"Small"},{"value":2,"label":"Large"}]},
                              {"name":"dvm_price","type":"Money"},
                              {"name":"dvm_categoryid","type":"Lookup","targets":["dvm_category"],"navigation":"dvm_CategoryId"}],
                   "rowsFile":"items.jsonl"}],
                 "manyToMany":[{"name":"dvm_item_category","entity1":"dvm_item","entity2":"dvm_category",
                   "associations":[["6c0b2a3e-0000-4000-8000-000000000002","6c0b2a3e-0000-4000-8000-0000000000c1"]]}]}
                """);
        try (DataverseEmulator own = DataverseEmulator.builder().environment("json", "json:" + document).start()) {
            TestClient api = TestClient.of(own, "json");
            JsonNode items = api.get("dvm_items?$select=dvm_name,dvm_kind&$orderby=dvm_name&$expand=dvm_CategoryId($select=dvm_name)",
                    "Prefer", "odata.include-annotations=\"*\"").json().get("value");
            assertThat(items).hasSize(2);
            assertThat(items.get(0).get("dvm_CategoryId").get("dvm_name").asText()).isEqualTo("Tools");
            assertThat(items.get(1).get("dvm_kind@OData.Community.Display.V1.FormattedValue").asText()).isEqualTo("Large");
            assertThat(api.get("dvm_categories(dvm_name='Tools')/dvm_item_category?$select=dvm_name").json().get("value"))
                    .hasSize(1);
            assertThat(own.rowCounts("json")).containsEntry("dvm_item", 2L).containsEntry("dvm_item_category", 1L);
        }
    }

    @Test
    void theGeneratorIsDeterministicAndProportional() {
        assertThat(emulator.rowCounts("bench")).containsEntry("dvm_benchrecord", 1000L)
                .containsEntry("dvm_benchcategory", 1L).containsEntry("dvm_benchdetail", 100L);
        assertThat(emulator.rowCounts("benchtarget")).containsEntry("dvm_benchrecord", 0L).containsEntry("dvm_benchcategory", 0L);
        TestClient api = TestClient.of(emulator, "bench");
        TestClient.Response page = api.get("dvm_benchrecords?$top=1");
        JsonNode row = page.json().get("value").get(0);
        assertThat(row.get("dvm_code").asText()).isEqualTo("REC-000000001");
        assertThat(row.get("_dvm_categoryid_value").isNull()).isFalse();
        String writable = TestClient.write(Map.of("dvm_name", row.get("dvm_name"), "dvm_description", row.get("dvm_description"),
                "dvm_quantity", row.get("dvm_quantity"), "dvm_amount", row.get("dvm_amount"), "dvm_ratio", row.get("dvm_ratio"),
                "dvm_weight", row.get("dvm_weight"), "dvm_eventdate", row.get("dvm_eventdate"), "dvm_email", row.get("dvm_email"),
                "dvm_phone", row.get("dvm_phone"), "dvm_city", row.get("dvm_city")));
        assertThat(writable.length()).isBetween(300, 700);
        try (DataverseEmulator again = DataverseEmulator.builder().environment("other", "generated:1000").start()) {
            JsonNode same = TestClient.of(again, "other").get("dvm_benchrecords?$top=1").json().get("value").get(0);
            assertThat(same.get("dvm_benchrecordid")).isEqualTo(row.get("dvm_benchrecordid"));
            assertThat(same.get("dvm_description")).isEqualTo(row.get("dvm_description"));
        }
    }

    @Test
    void demoScalesToTheRowsAskedFor() {
        Map<String, Long> counts = emulator.rowCounts("small");
        assertThat(counts).containsEntry("account", 50L).containsEntry("contact", 150L).containsEntry("task", 150L);
        TestClient api = TestClient.of(emulator, "small");
        assertThat(api.get("systemusers?$filter=domainname%20eq%20'alice@contoso.example'").json().get("value")).hasSize(1);
    }

    private static Map<String, Integer> recordCounts(Document data) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        NodeList entities = data.getDocumentElement().getChildNodes();
        for (int i = 0; i < entities.getLength(); i++) {
            if (entities.item(i) instanceof Element entity && entity.getTagName().equals("entity")) {
                counts.merge(entity.getAttribute("name"), entity.getElementsByTagName("record").getLength(), Integer::sum);
            }
        }
        return counts;
    }

    private static Document xml(byte[] bytes) throws Exception {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static byte[] zipEntry(Path zip, String name) throws Exception {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                if (entry.getName().endsWith(name) && !entry.getName().endsWith("_" + name)) {
                    return entries.readAllBytes();
                }
            }
        }
        throw new AssertionError(name + " not in " + zip);
    }
}
