package io.dvmigrate.dataverse.read;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonRowTest {

    @Test
    void keepsTheObjectsBytesTrimmedOfSurroundingWhitespace() {
        JsonRow row = JsonRow.of("  {\"name\":\"x\", \"parentaccountid@odata.bind\":\"/accounts(1)\"}\n");

        assertThat(row.toString()).isEqualTo("{\"name\":\"x\", \"parentaccountid@odata.bind\":\"/accounts(1)\"}");
        assertThat(row.has("parentaccountid@odata.bind")).isTrue();
        assertThat(row.has("parentaccountid")).isFalse();
        assertThat(row.text("name")).contains("x");
    }

    @Test
    void textSkipsNestedObjectsAndReportsNullAsMissing() {
        JsonRow row = JsonRow.of("{\"parentaccountid\":{\"accountnumber\":\"A-1\",\"accountid\":\"p\"},\"accountid\":\"c\",\"fax\":null,\"revenue\":12.50}");

        assertThat(row.id("accountid")).contains("c");
        assertThat(row.text("fax")).isEmpty();
        assertThat(row.has("fax")).isTrue();
        assertThat(row.text("revenue")).contains("12.50");
        assertThat(row.toObjectNode().path("parentaccountid").path("accountnumber").asText()).isEqualTo("A-1");
    }

    @Test
    void textsReadSeveralTopLevelPropertiesInOnePass() {
        JsonRow row = JsonRow.of("{\"_ownerid_value\":\"o\",\"nested\":{\"_createdby_value\":\"no\"},"
                + "\"_createdby_value\":\"c\",\"_modifiedby_value\":null,\"count\":3}");

        assertThat(row.texts(java.util.Set.of("_ownerid_value", "_createdby_value", "_modifiedby_value", "count",
                "absent"))).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("_ownerid_value", "o",
                "_createdby_value", "c", "count", "3"));
    }

    @Test
    void rejectsWhatIsNotExactlyOneObject() {
        assertThatThrownBy(() -> JsonRow.of("[1]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> JsonRow.of("{} {}")).hasMessageContaining("exactly one JSON object");
        assertThatThrownBy(() -> JsonRow.of("{\"a\":")).hasMessageContaining("valid JSON");
    }

    @Test
    void bytesComeOutAsTheyWentIn() throws Exception {
        String json = "{\"name\":\"Zürich\",\"revenue\":1.50E3}";
        JsonRow row = JsonRow.of(json);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        row.writeTo(out);

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(json);
        byte[] copy = row.toByteArray();
        copy[0] = 'x';
        assertThat(row.toString()).isEqualTo(json);
        assertThat(row.size()).isEqualTo(json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void withoutDropsTopLevelPropertiesOnly() {
        JsonRow row = JsonRow.of("{\"@odata.id\":\"accounts(accountnumber='A')\",\"name\":\"n\"}");

        assertThat(row.without("@odata.id").toString()).isEqualTo("{\"name\":\"n\"}");
        assertThat(row.without("missing")).isSameAs(row);
        assertThat(JsonRow.of("{ }").isEmptyObject()).isTrue();
        assertThat(row.isEmptyObject()).isFalse();
    }
}
