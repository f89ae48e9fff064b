package io.dvmigrate.dataverse.batch;

import io.dvmigrate.dataverse.http.RequestBody;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code $batch}: up to 1,000 operations, run in order. With {@code continueOnError} every operation is tried and
 * answered; without it Dataverse stops at the first failure and answers only that one. A change set is all or
 * nothing either way.
 */
public record BatchRequest(List<BatchItem> items, boolean continueOnError) {

    public static final int MAX_OPERATIONS = 1000;
    private static final String CRLF = "\r\n";

    public BatchRequest {
        items = List.copyOf(items);
        int operations = items.stream().mapToInt(i -> i instanceof ChangeSet c ? c.operations().size() : 1).sum();
        if (operations == 0 || operations > MAX_OPERATIONS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_OPERATIONS + " operations, this one " + operations);
        }
    }

    public int operationCount() {
        return items.stream().mapToInt(i -> i instanceof ChangeSet c ? c.operations().size() : 1).sum();
    }

    /** The multipart body, with CRLF line ends; rows are streamed from their own bytes. */
    public RequestBody body(String boundary) {
        RequestBody.Builder body = RequestBody.builder("multipart/mixed; boundary=" + boundary);
        for (BatchItem item : items) {
            body.text("--" + boundary + CRLF);
            switch (item) {
                case BatchOperation operation -> operation(body, operation);
                case ChangeSet changeSet -> {
                    String inner = "changeset_" + UUID.randomUUID();
                    body.text("Content-Type: multipart/mixed; boundary=" + inner + CRLF + CRLF);
                    for (BatchOperation operation : changeSet.operations()) {
                        body.text("--" + inner + CRLF);
                        operation(body, operation);
                    }
                    body.text("--" + inner + "--" + CRLF);
                }
            }
        }
        body.text("--" + boundary + "--" + CRLF);
        return body.build();
    }

    public static String newBoundary() {
        return "batch_" + UUID.randomUUID();
    }

    private static void operation(RequestBody.Builder body, BatchOperation operation) {
        StringBuilder head = new StringBuilder()
                .append("Content-Type: application/http").append(CRLF)
                .append("Content-Transfer-Encoding: binary").append(CRLF);
        operation.contentId().ifPresent(id -> head.append("Content-ID: ").append(id).append(CRLF));
        head.append(CRLF).append(operation.method()).append(' ').append(operation.url()).append(" HTTP/1.1").append(CRLF);
        if (operation.body().isPresent()) {
            head.append("Content-Type: application/json; type=entry").append(CRLF);
        }
        for (Map.Entry<String, String> header : operation.headers().entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append(CRLF);
        }
        head.append(CRLF);
        body.text(head.toString());
        body.bytes(operation.bodyView());
        body.text(CRLF);
    }
}
