package io.dvmigrate.dataverse.read;

import io.dvmigrate.dataverse.RealData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PageParserTest {

    @Test
    void realPageKeepsEachRowsBytesAndTheNextLinkVerbatim() throws Exception {
        byte[] body = RealData.jsonAfter("http/msdocs_paging_skiptoken.http", "### PAGE 1 RESPONSE");

        Page page = PageParser.parse(body, 1);

        assertThat(page.rows()).hasSize(2);
        JsonRow first = page.rows().getFirst();
        assertThat(first.toString()).startsWith("{").endsWith("}").contains("\"fullname\": \"Yvonne McKay (sample)\"");
        assertThat(first.id("contactid")).contains("49b0be2e-d01c-ed11-b83e-000d3a572421");
        assertThat(first.text("@odata.etag")).contains("W/\"72201545\"");
        assertThat(page.rows().get(1).text("fullname")).contains("Susanna Stubberod (sample)");
        assertThat(page.nextLink()).hasValueSatisfying(link -> assertThat(link)
                .startsWith("[Organization URI]/api/data/v9.2/contacts?$select=fullname&$skiptoken=%3Ccookie%20pagenumber=%222%22")
                .endsWith("istracking=%22False%22%20/%3E"));
        assertThat(page.isLast()).isFalse();
        assertThat(page.deltaLink()).isEmpty();
    }

    @Test
    void bodyWithByteOrderMarkAndExpandedCollectionsSlicesExactly() throws Exception {
        byte[] body = RealData.bytes("http/simple-odata_AccountTasksAndLink.json");

        Page page = PageParser.parse(body, 1);

        assertThat(page.rows()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.toString()).startsWith("{").endsWith("}");
            assertThat(row.toObjectNode().has("accountid")).isTrue();
        });
        assertThat(page.rows().getFirst().text("name")).isPresent();
        assertThat(page.isLast()).isTrue();
    }

    @Test
    void deltaResponseSeparatesDeletedEntitiesAndKeepsTheDeltaLink() throws Exception {
        String delta = """
                { "@odata.context": "[Org]/data/v9.0/$metadata#accounts(name,telephone1,fax)/$delta",
                  "@odata.deltaLink": "[Org]/api/data/v9.0/accounts?$select=name,telephone1,fax&$deltatoken=919058%2108%2f22%2f2017%2008%3a21%3a20",
                  "value": [
                    { "@odata.etag": "W/\\"915244\\"", "name": "Monte Orton", "telephone1": "555000", "fax": "10101", "accountid": "60c4e274-0d87-e711-80e5-00155db19e6d" },
                    { "@odata.context": "[Org]/api/data/v9.0/$metadata#accounts/$deletedEntity", "id": "2e451703-c686-e711-80e5-00155db19e6d", "reason": "deleted" } ] }
                """;

        Page page = PageParser.parse(delta.getBytes(StandardCharsets.UTF_8), 1);

        assertThat(page.rows()).singleElement().satisfies(row -> assertThat(row.id("accountid")).contains("60c4e274-0d87-e711-80e5-00155db19e6d"));
        assertThat(page.deletedIds()).containsExactly("2e451703-c686-e711-80e5-00155db19e6d");
        assertThat(page.deltaLink()).contains("[Org]/api/data/v9.0/accounts?$select=name,telephone1,fax&$deltatoken=919058%2108%2f22%2f2017%2008%3a21%3a20");
        assertThat(page.isLast()).isTrue();
    }

    @Test
    void multiByteCharactersAreCutAtByteOffsets() throws Exception {
        String body = "{\"value\":[{\"name\":\"Zürich – 東京\",\"accountid\":\"1\"},{\"name\":\"Ελλάδα\",\"accountid\":\"2\"}],\"@odata.count\":2}";

        Page page = PageParser.parse(body.getBytes(StandardCharsets.UTF_8), 3);

        assertThat(page.rows()).extracting(JsonRow::toString)
                .containsExactly("{\"name\":\"Zürich – 東京\",\"accountid\":\"1\"}", "{\"name\":\"Ελλάδα\",\"accountid\":\"2\"}");
        assertThat(page.count()).hasValue(2);
        assertThat(page.number()).isEqualTo(3);
    }
}
