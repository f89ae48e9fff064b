package io.dvmigrate.dataverse.write;

import io.dvmigrate.dataverse.error.DataverseError;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.http.ApiRequest;
import io.dvmigrate.dataverse.http.ApiResponse;
import io.dvmigrate.dataverse.http.RequestBody;
import io.dvmigrate.dataverse.http.Transport;
import io.dvmigrate.dataverse.read.JsonRow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Writes rows with {@code CreateMultiple}/{@code UpdateMultiple}/{@code UpsertMultiple}. The body streams from the
 * rows' own bytes, each target gaining the {@code @odata.type} Dataverse requires. A bulk request is one transaction:
 * when Dataverse refuses one, it is split in halves that are sent again, down to the single rows that fail, so
 * every good row is written and every bad row comes back with its own status, code and message.
 */
final class BulkWriter {
    private static final byte[] COMMA = {','};
    private static final byte[] CLOSE_BRACE = {'}'};

    private final Transport transport;
    private final OperationRunner runner;

    BulkWriter(Transport transport, OperationRunner runner) {
        this.transport = transport;
        this.runner = runner;
    }

    /** @throws RequestFailed when Dataverse refuses the request as a whole (unsupported message, missing privilege…) */
    WriteResult<JsonRow> write(TableRef table, List<JsonRow> rows, WriteOperation operation, WriteOptions options) {
        // targets without id or key are created: a request holding one must not be sent twice
        boolean idempotent = operation != WriteOperation.CREATE
                && rows.stream().allMatch(row -> row.has(table.primaryIdAttribute()) || row.has("@odata.id"));
        List<Callable<WriteResult<JsonRow>>> slices = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += options.maxBulkRows()) {
            int start = from;
            int end = Math.min(rows.size(), from + options.maxBulkRows());
            slices.add(() -> send(table, rows, start, end, operation, options, idempotent));
        }
        WriteResult<JsonRow> total = new WriteResult<>(0, List.of(), WriteMode.BULK);
        for (WriteResult<JsonRow> slice : runner.all(slices)) {
            total = total.plus(slice);
        }
        return total;
    }

    private WriteResult<JsonRow> send(TableRef table, List<JsonRow> rows, int from, int to, WriteOperation operation,
                                      WriteOptions options, boolean idempotent) {
        ApiRequest request = ApiRequest.write("POST",
                transport.settings().serviceRoot().resolve(table.entitySetName() + "/Microsoft.Dynamics.CRM." + operation.bulkMessage()),
                options.bypassHeaders(transport.settings()), body(table, rows.subList(from, to)), idempotent);
        ApiResponse response;
        try {
            response = transport.send(request);
        } catch (RequestFailed e) {
            throw e.withRows(rows.subList(from, to));
        }
        if (response.isSuccess()) {
            return new WriteResult<>(to - from, List.of(), WriteMode.BULK);
        }
        DataverseError error = response.error();
        if (!rowsAreTheCause(error)) {
            throw new RequestFailed(transport.environment(), request.line(), error, response.attempts(), rows.subList(from, to));
        }
        if (to - from == 1 || !options.isolateFailures()) {
            List<Failure<JsonRow>> failed = new ArrayList<>();
            for (int i = from; i < to; i++) {
                failed.add(new Failure<>(i, rows.get(i), error));
            }
            return new WriteResult<>(0, failed, WriteMode.BULK);
        }
        int middle = (from + to) >>> 1;
        List<WriteResult<JsonRow>> halves = runner.all(List.of(
                () -> send(table, rows, from, middle, operation, options, idempotent),
                () -> send(table, rows, middle, to, operation, options, idempotent)));
        return halves.get(0).plus(halves.get(1));
    }

    /**
     * Errors a row can cause (validation, a bad lookup, a duplicate key, a privilege on the row's owner), as opposed to
     * errors of the request itself, which splitting would only repeat.
     */
    private static boolean rowsAreTheCause(DataverseError error) {
        return switch (error.status()) {
            case 400, 403, 404, 409, 412, 413, 422 -> !BulkSupport.isUnsupported(error) && !error.isCallerPrivilegeMissing();
            default -> false;
        };
    }

    /** {@code {"Targets":[…]}}, each row's bytes behind the {@code @odata.type} it must carry. */
    static RequestBody body(TableRef table, List<JsonRow> rows) {
        // encoded once per request, not once per row
        byte[] typed = ("{\"@odata.type\":\"" + table.odataType() + "\"").getBytes(StandardCharsets.UTF_8);
        RequestBody.Builder body = RequestBody.builder("application/json; charset=utf-8").text("{\"Targets\":[");
        for (int i = 0; i < rows.size(); i++) {
            JsonRow row = rows.get(i);
            if (i > 0) {
                body.bytes(ByteBuffer.wrap(COMMA));
            }
            if (row.has("@odata.type")) {
                body.bytes(row.asReadOnlyBuffer());
            } else if (row.isEmptyObject()) {
                body.bytes(ByteBuffer.wrap(typed)).bytes(ByteBuffer.wrap(CLOSE_BRACE));
            } else {
                ByteBuffer afterBrace = row.asReadOnlyBuffer();
                afterBrace.position(1);
                body.bytes(ByteBuffer.wrap(typed)).bytes(ByteBuffer.wrap(COMMA)).bytes(afterBrace.slice());
            }
        }
        return body.text("]}").build();
    }
}
