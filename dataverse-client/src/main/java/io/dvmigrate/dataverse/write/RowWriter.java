package io.dvmigrate.dataverse.write;

import io.dvmigrate.dataverse.batch.BatchOperation;
import io.dvmigrate.dataverse.batch.BatchResult;
import io.dvmigrate.dataverse.error.DataverseError;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.http.ApiRequest;
import io.dvmigrate.dataverse.http.ApiResponse;
import io.dvmigrate.dataverse.http.RequestBody;
import io.dvmigrate.dataverse.http.Transport;
import io.dvmigrate.dataverse.read.JsonRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every write the client does: sets of rows in the best mode the table supports (falling back from bulk to
 * {@code $batch} when Dataverse says the table has no bulk messages), deletes, associations, and the single-row
 * operations with their preconditions. Safe to use from many threads: concurrency is governed by the transport.
 */
public final class RowWriter {

    private static final String ODATA_ID = "@odata.id";

    private final Transport transport;
    private final OperationRunner runner;
    private final BulkWriter bulk;
    private final BulkSupport bulkSupport;

    public RowWriter(Transport transport, ExecutorService executor) {
        this.transport = transport;
        this.runner = new OperationRunner(transport, executor);
        this.bulk = new BulkWriter(transport, runner);
        this.bulkSupport = new BulkSupport(transport);
    }

    /**
     * Writes rows already in the Web API's JSON form. A row is addressed by its primary id column or, for alternate
     * keys, by an {@code @odata.id} such as {@code accounts(accountnumber='A-1')}.
     */
    public WriteResult<JsonRow> write(TableRef table, List<JsonRow> rows, WriteOperation operation, WriteOptions options) {
        WriteMode mode = options.mode() == WriteMode.AUTO ? (bulkSupport.supports(table) ? WriteMode.BULK : WriteMode.BATCH) : options.mode();
        if (rows.isEmpty()) {
            return new WriteResult<>(0, List.of(), mode);
        }
        if (mode == WriteMode.BULK) {
            try {
                return bulk.write(table, rows, operation, options);
            } catch (RequestFailed e) {
                if (options.mode() != WriteMode.AUTO || !BulkSupport.isUnsupported(e.error())) {
                    throw e;
                }
                bulkSupport.unsupported(table);
                mode = WriteMode.BATCH;
            }
        }
        return perRow(table, rows, operation, mode, options);
    }

    /** Deletes rows by id or alternate key. A row that is already gone counts as deleted. */
    public WriteResult<RowKey> delete(String entitySet, List<RowKey> keys, WriteOptions options) {
        return run(keys, key -> Optional.of(BatchOperation.of("DELETE", path(key.path(entitySet)))), options,
                result -> result.isSuccess() || result.status() == 404);
    }

    /** Links pairs through their navigation property. A pair that is already linked counts as linked. */
    public WriteResult<Association> associate(List<Association> pairs, WriteOptions options) {
        return run(pairs, pair -> Optional.of(associateOperation(pair)), options,
                result -> result.isSuccess() || result.error().isDuplicate());
    }

    /** Unlinks pairs. A pair that is not linked counts as unlinked. */
    public WriteResult<Association> disassociate(List<Association> pairs, WriteOptions options) {
        return run(pairs, pair -> Optional.of(BatchOperation.of("DELETE", path(pair.entitySet() + "(" + pair.id() + ")/"
                + pair.navigationProperty() + "(" + pair.relatedId() + ")/$ref"))), options,
                result -> result.isSuccess() || result.status() == 404);
    }

    /**
     * Writes one row at {@code key} with {@code PATCH}: an upsert, or with a precondition an update-only, create-only
     * or optimistic write.
     *
     * @throws RequestFailed with 404 (update of a missing row), 412 (create of an existing row or stale etag), …
     */
    public void upsert(TableRef table, RowKey key, JsonRow row, Precondition precondition) {
        ApiRequest request = ApiRequest.write("PATCH", transport.settings().serviceRoot().resolve(key.path(table.entitySetName())),
                ApiRequest.merge(transport.settings().bypass().headers(), precondition.headers()), json(row.without(ODATA_ID)), true);
        expectSuccess(request, transport.send(request), row);
    }

    /** Creates one row and returns its id (the one it carried, or the one Dataverse gave it). */
    public String create(TableRef table, JsonRow row) {
        ApiRequest request = ApiRequest.write("POST", transport.settings().serviceRoot().resolve(table.entitySetName()),
                transport.settings().bypass().headers(), json(row), false);
        ApiResponse response = transport.send(request);
        expectSuccess(request, response, row);
        String entityId = response.header("OData-EntityId").orElseGet(() -> response.header("Location").orElse(""));
        int open = entityId.lastIndexOf('(');
        int close = entityId.lastIndexOf(')');
        if (open < 0 || close < open) {
            return row.id(table.primaryIdAttribute()).orElseThrow(() -> new IllegalStateException(
                    "environment '" + transport.environment() + "': create answered without OData-EntityId"));
        }
        return entityId.substring(open + 1, close);
    }

    /** Deletes one row; false when it did not exist. */
    public boolean delete(String entitySet, RowKey key) {
        ApiRequest request = ApiRequest.write("DELETE", transport.settings().serviceRoot().resolve(key.path(entitySet)),
                transport.settings().bypass().headers(), null, true);
        ApiResponse response = transport.send(request);
        if (response.status() == 404) {
            return false;
        }
        expectSuccess(request, response, null);
        return true;
    }

    private WriteResult<JsonRow> perRow(TableRef table, List<JsonRow> rows, WriteOperation operation, WriteMode mode,
                                        WriteOptions options) {
        // an upsert of a row without id or key is a POST: sending it twice would create it twice
        boolean idempotent = operation != WriteOperation.CREATE && rows.stream().allMatch(row -> address(table, row).isPresent());
        WriteResult<JsonRow> result = run(rows, row -> rowOperation(table, row, operation), options.withMode(mode),
                BatchResult::isSuccess, idempotent);
        return new WriteResult<>(result.succeeded(), result.failures(), mode);
    }

    private <T> WriteResult<T> run(List<T> items, Function<T, Optional<BatchOperation>> toOperation, WriteOptions options,
                                   Predicate<BatchResult> succeeded) {
        return run(items, toOperation, options, succeeded, true);
    }

    private <T> WriteResult<T> run(List<T> items, Function<T, Optional<BatchOperation>> toOperation, WriteOptions options,
                                   Predicate<BatchResult> succeeded, boolean idempotent) {
        WriteMode mode = options.mode() == WriteMode.SINGLE ? WriteMode.SINGLE : WriteMode.BATCH;
        List<Failure<T>> failures = new ArrayList<>();
        List<BatchOperation> operations = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Optional<BatchOperation> operation = toOperation.apply(items.get(i));
            if (operation.isEmpty()) {
                failures.add(new Failure<>(i, items.get(i), new DataverseError(400, "",
                        "not sent: the row has no primary id and no @odata.id to address the update")));
            } else {
                operations.add(operation.get().headers(options.bypassHeaders(transport.settings())));
                positions.add(i);
            }
        }
        int done = 0;
        if (!operations.isEmpty()) {
            List<BatchResult> results = runner.run(operations, mode, options.batchSize(), idempotent);
            for (int k = 0; k < results.size(); k++) {
                BatchResult result = results.get(k);
                int index = positions.get(k);
                if (succeeded.test(result)) {
                    done++;
                } else {
                    failures.add(new Failure<>(index, items.get(index), result.error()));
                }
            }
        }
        return new WriteResult<>(done, failures, mode);
    }

    /** The request that writes one row on its own (inside a batch or alone). */
    private Optional<BatchOperation> rowOperation(TableRef table, JsonRow row, WriteOperation operation) {
        Optional<String> address = address(table, row);
        JsonRow body = row.without(ODATA_ID);
        return switch (operation) {
            case CREATE -> Optional.of(BatchOperation.of("POST", path(table.entitySetName())).json(body));
            case UPSERT -> Optional.of(address.map(a -> BatchOperation.of("PATCH", path(a)))
                    .orElseGet(() -> BatchOperation.of("POST", path(table.entitySetName()))).json(body));
            case UPDATE -> address.map(a -> BatchOperation.of("PATCH", path(a)).header("If-Match", "*").json(body));
        };
    }

    /** The row's path under the service root: from its {@code @odata.id}, else from its primary id. */
    private Optional<String> address(TableRef table, JsonRow row) {
        Optional<String> odataId = row.text(ODATA_ID);
        if (odataId.isPresent()) {
            String id = odataId.get();
            String root = transport.settings().serviceRoot().toString();
            if (id.startsWith(root)) {
                return Optional.of(id.substring(root.length()));
            }
            return Optional.of(id.startsWith("/") ? id.substring(1) : id);
        }
        return row.id(table.primaryIdAttribute()).map(id -> RowKey.id(id).path(table.entitySetName()));
    }

    private BatchOperation associateOperation(Association pair) {
        String related = transport.settings().serviceRoot().resolve(pair.relatedEntitySet() + "(" + pair.relatedId() + ")").toString();
        JsonRow reference = JsonRow.of("{\"@odata.id\":\"" + related.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        return BatchOperation.of("POST", path(pair.entitySet() + "(" + pair.id() + ")/" + pair.navigationProperty() + "/$ref"))
                .json(reference);
    }

    /** A path-absolute URL ({@code /org/api/data/v9.2/accounts(…)}), which works inside a batch and alone. */
    private String path(String relative) {
        return transport.settings().serviceRoot().getRawPath() + relative;
    }

    private static RequestBody json(JsonRow row) {
        return RequestBody.builder("application/json; charset=utf-8").bytes(row.asReadOnlyBuffer()).build();
    }

    private void expectSuccess(ApiRequest request, ApiResponse response, JsonRow row) {
        if (!response.isSuccess()) {
            throw new RequestFailed(transport.environment(), request.line(), response.error(), response.attempts(),
                    row == null ? List.of() : List.of(row));
        }
    }
}
