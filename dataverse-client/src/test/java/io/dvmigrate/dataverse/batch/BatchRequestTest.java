package io.dvmigrate.dataverse.batch;

import io.dvmigrate.dataverse.read.JsonRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchRequestTest {

    @Test
    void writesTheDocumentedMultipartShapeWithChangeSetContentIds() {
        BatchRequest batch = new BatchRequest(List.of(
                new ChangeSet(List.of(
                        BatchOperation.of("POST", "/api/data/v9.2/accounts").json(JsonRow.of("{\"name\":\"Account name\"}")),
                        BatchOperation.of("POST", "/api/data/v9.2/contacts").json(JsonRow.of("{\"firstname\":\"Contact\"}")),
                        BatchOperation.of("PUT", "$1/primarycontactid/$ref").json(JsonRow.of("{\"@odata.id\":\"$2\"}")))),
                BatchOperation.of("GET", "/api/data/v9.2/accounts?$select=name").header("Prefer", "odata.include-annotations=\"*\"")),
                true);

        String body = batch.body("batch_AAA123").asString();

        assertThat(body).startsWith("--batch_AAA123\r\nContent-Type: multipart/mixed; boundary=changeset_")
                .contains("Content-ID: 1\r\n\r\nPOST /api/data/v9.2/accounts HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{\"name\":\"Account name\"}\r\n")
                .contains("Content-ID: 3\r\n\r\nPUT $1/primarycontactid/$ref HTTP/1.1\r\n")
                .contains("GET /api/data/v9.2/accounts?$select=name HTTP/1.1\r\nPrefer: odata.include-annotations=\"*\"\r\n\r\n\r\n")
                .endsWith("--batch_AAA123--\r\n");
        assertThat(batch.operationCount()).isEqualTo(4);
        assertThat(batch.body("b").length()).isEqualTo(batch.body("b").asString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void refusesWhatDataverseWouldRefuse() {
        assertThatThrownBy(() -> new ChangeSet(List.of(BatchOperation.of("GET", "/x")))).hasMessageContaining("cannot hold a GET");
        List<BatchItem> tooMany = java.util.Collections.nCopies(1001, BatchOperation.of("DELETE", "/x"));
        assertThatThrownBy(() -> new BatchRequest(tooMany, true)).hasMessageContaining("1 to 1000 operations, this one 1001");
    }
}
