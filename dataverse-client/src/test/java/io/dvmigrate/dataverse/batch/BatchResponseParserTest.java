package io.dvmigrate.dataverse.batch;

import io.dvmigrate.dataverse.RealData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parses the real {@code $batch} responses of Microsoft's documentation (LF line ends there, CRLF on the wire). */
class BatchResponseParserTest {

    private static final String FILE = "http/msdocs_batch_examples.http";

    @Test
    void batchWithoutChangeSetGivesOneResultPerOperationInOrder() {
        List<BatchResult> results = parseDocResponse("### --- RESPONSE 1 ---", "batchresponse_01346794-f2e2-4d45-8cc2-f97e09fe8916");

        assertThat(results).extracting(BatchResult::status).containsExactly(204, 204, 204, 200);
        assertThat(results.getFirst().header("OData-EntityId"))
                .contains("[Organization Uri]/api/data/v9.2/tasks(d31ba648-c592-ed11-aad1-000d3a993550)");
        assertThat(new String(results.get(3).body(), StandardCharsets.UTF_8)).startsWith("{").contains("\"subject\": \"Task 3 in batch\"").endsWith("}");
    }

    @Test
    void changeSetResultsAreFlattenedWithTheirContentIds() {
        List<BatchResult> results = parseDocResponse("### --- RESPONSE 2 ---", "batchresponse_f27ef42d-51b0-4685-bac9-f468f844de2f");

        assertThat(results).extracting(BatchResult::status).containsExactly(204, 204, 204, 200);
        assertThat(results).extracting(r -> r.contentId().orElse("-")).containsExactly("1", "2", "3", "-");
    }

    @Test
    void continueOnErrorGivesTheFailingPartsErrorAndTheOthersSuccess() {
        List<BatchResult> results = parseDocResponse("### --- RESPONSE 9 ---", "batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139");

        assertThat(results).extracting(BatchResult::status).containsExactly(400, 204, 204);
        assertThat(results.getFirst().error().code()).isEqualTo("0x80044331");
        assertThat(results.getFirst().error().message()).contains("exceeded the maximum allowed length of '200'");
        assertThat(results.getFirst().header("REQ_ID")).contains("de4c5227-4a28-4ebd-8ced-3392ece1697b");
    }

    @Test
    void stopOnErrorAnswersOnlyTheFailingPart() {
        List<BatchResult> results = parseDocResponse("### --- RESPONSE 8", "batchresponse_156da4b8-cd2c-4862-a911-4aaab97c001a");

        assertThat(results).singleElement().satisfies(r -> assertThat(r.error().code()).isEqualTo("0x80044331"));
    }

    @Test
    void crlfBodyWithBoundaryFromTheContentTypeHeader() {
        String wire = String.join("\r\n",
                "--batchresponse_x",
                "Content-Type: application/http",
                "Content-Transfer-Encoding: binary",
                "",
                "HTTP/1.1 412 Precondition Failed",
                "Content-Type: application/json; odata.metadata=minimal",
                "",
                "{\"error\":{\"code\":\"0x80040237\",\"message\":\"A record with matching key values already exists.\"}}",
                "--batchresponse_x",
                "Content-Type: application/http",
                "Content-Transfer-Encoding: binary",
                "",
                "HTTP/1.1 204 No Content",
                "OData-Version: 4.0",
                "",
                "",
                "--batchresponse_x--",
                "");

        List<BatchResult> results = BatchResponseParser.parse("multipart/mixed; boundary=batchresponse_x", wire.getBytes(StandardCharsets.UTF_8));

        assertThat(results).extracting(BatchResult::status).containsExactly(412, 204);
        assertThat(results.getFirst().error().isDuplicate()).isTrue();
        assertThat(results.get(1).body()).isEmpty();
    }

    private static List<BatchResult> parseDocResponse(String marker, String boundary) {
        String section = RealData.sectionAfter(FILE, marker);
        String body = section.substring(section.indexOf("--" + boundary));
        return BatchResponseParser.parse("multipart/mixed; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
    }
}
