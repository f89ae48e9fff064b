package io.dvmigrate.dataverse.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvmigrate.dataverse.RealData;
import io.dvmigrate.dataverse.read.JsonRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BulkBodyTest {

    private static final TableRef SAMPLE = new TableRef("sample_example", "sample_examples", "sample_exampleid");

    @Test
    void eachTargetCarriesTheTypeInFrontOfTheRowsOwnBytes() {
        String body = BulkWriter.body(SAMPLE, List.of(
                JsonRow.of("{\"sample_name\":\"sample record 0000001\"}"),
                JsonRow.of("{}"),
                JsonRow.of("{\"@odata.type\":\"Microsoft.Dynamics.CRM.sample_example\",\"sample_name\":\"typed\"}"),
                JsonRow.of("{\"parentaccountid@odata.bind\":\"/accounts(00000000-0000-0000-0000-000000000001)\",\"n\":\"ü\"}")))
                .asString();

        assertThat(body).isEqualTo("{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.sample_example\",\"sample_name\":\"sample record 0000001\"},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.sample_example\"},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.sample_example\",\"sample_name\":\"typed\"},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.sample_example\",\"parentaccountid@odata.bind\":\"/accounts(00000000-0000-0000-0000-000000000001)\",\"n\":\"ü\"}"
                + "]}");
    }

    @Test
    void matchesTheDocumentedCreateMultipleRequest() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var documented = json.readTree(RealData.jsonAfter("http/msdocs_bulk_createmultiple_updatemultiple.http", "### CreateMultiple REQUEST"));
        List<JsonRow> rows = List.of(JsonRow.of("{\"sample_name\":\"sample record 0000001\"}"),
                JsonRow.of("{\"sample_name\":\"sample record 0000002\"}"), JsonRow.of("{\"sample_name\":\"sample record 0000003\"}"));

        var ours = json.readTree(BulkWriter.body(SAMPLE, rows).asString());

        assertThat(ours).isEqualTo(documented);
    }
}
