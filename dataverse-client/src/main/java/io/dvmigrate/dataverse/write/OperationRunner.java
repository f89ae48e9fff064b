package io.dvmigrate.dataverse.write;

import io.dvmigrate.dataverse.batch.BatchItem;
import io.dvmigrate.dataverse.batch.BatchOperation;
import io.dvmigrate.dataverse.batch.BatchRequest;
import io.dvmigrate.dataverse.batch.BatchResponseParser;
import io.dvmigrate.dataverse.batch.BatchResult;
import io.dvmigrate.dataverse.error.DataverseError;
import io.dvmigrate.dataverse.error.DataverseException;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.error.RequestLine;
import io.dvmigrate.dataverse.http.ApiRequest;
import io.dvmigrate.dataverse.http.ApiResponse;
import io.dvmigrate.dataverse.http.RequestBody;
import io.dvmigrate.dataverse.http.Transport;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs independent operations (one per row, id or pair) either as {@code $batch} requests with
 * {@code odata.continue-on-error}, several batches at once, or as one request each, and returns one answer per
 * operation in their order. Operations whose own answer is transient (a 429 or 5xx inside a batch) are sent again.
 */
final class OperationRunner {

    private final Transport transport;
    private final ExecutorService executor;

    OperationRunner(Transport transport, ExecutorService executor) {
        this.transport = transport;
        this.executor = executor;
    }

    List<BatchResult> run(List<BatchOperation> operations, WriteMode mode, int batchSize, boolean idempotent) {
        return mode == WriteMode.SINGLE ? runSingly(operations, idempotent) : runBatched(operations, batchSize, idempotent);
    }

    private List<BatchResult> runSingly(List<BatchOperation> operations, boolean idempotent) {
        List<Callable<BatchResult>> tasks = new ArrayList<>(operations.size());
        for (BatchOperation operation : operations) {
            tasks.add(() -> single(operation, idempotent));
        }
        return all(tasks);
    }

    private BatchResult single(BatchOperation operation, boolean idempotent) {
        RequestBody body = operation.body()
                .map(row -> RequestBody.builder("application/json; charset=utf-8").bytes(row.asReadOnlyBuffer()).build())
                .orElse(null);
        ApiRequest request = ApiRequest.write(operation.method(), resolve(operation.url()), operation.headers(), body, idempotent);
        ApiResponse response = transport.send(request);
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return new BatchResult(response.status(), headers, response.body(), Optional.empty());
    }

    private List<BatchResult> runBatched(List<BatchOperation> operations, int batchSize, boolean idempotent) {
        BatchResult[] results = new BatchResult[operations.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            pending.add(i);
        }
        int round = 0;
        while (!pending.isEmpty()) {
            round++;
            List<List<Integer>> groups = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += batchSize) {
                groups.add(pending.subList(from, Math.min(pending.size(), from + batchSize)));
            }
            List<Callable<List<BatchResult>>> tasks = new ArrayList<>();
            for (List<Integer> group : groups) {
                tasks.add(() -> batch(group.stream().map(operations::get).toList(), idempotent));
            }
            List<List<BatchResult>> answers = all(tasks);
            List<Integer> again = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                List<Integer> group = groups.get(g);
                List<BatchResult> answer = answers.get(g);
                for (int k = 0; k < group.size(); k++) {
                    BatchResult result = k < answer.size() ? answer.get(k) : null;
                    int index = group.get(k);
                    results[index] = result;
                    if (result == null || isTransient(result.status(), idempotent)) {
                        again.add(index);
                    }
                }
            }
            if (!again.isEmpty() && round >= transport.settings().retry().maxAttempts()) {
                BatchResult last = results[again.getFirst()];
                DataverseError error = last == null ? new DataverseError(0, "", "no answer for the operation in the $batch response")
                        : last.error();
                throw new RequestFailed(transport.environment(), new RequestLine("POST", resolve("$batch")), error, round, List.of());
            }
            if (!again.isEmpty()) {
                pause(round);
            }
            pending = again;
        }
        return List.of(results);
    }

    private List<BatchResult> batch(List<BatchOperation> operations, boolean idempotent) {
        BatchRequest batch = new BatchRequest(new ArrayList<BatchItem>(operations), true);
        Map<String, String> headers = new LinkedHashMap<>(transport.settings().bypass().headers());
        headers.put("Prefer", "odata.continue-on-error");
        ApiRequest request = ApiRequest.write("POST", resolve("$batch"), headers, batch.body(BatchRequest.newBoundary()), idempotent);
        ApiResponse response = transport.send(request);
        if (!response.isSuccess()) {
            throw new RequestFailed(transport.environment(), request.line(), response.error(), response.attempts(), List.of());
        }
        return BatchResponseParser.parse(response.header("Content-Type").orElse(""), response.body());
    }

    /** Path-absolute and relative operation URLs are resolved against the service root; absolute ones stay. */
    URI resolve(String url) {
        return transport.settings().serviceRoot().resolve(url);
    }

    private static boolean isTransient(int status, boolean idempotent) {
        return status == 429 || status == 503 || idempotent && (status == 500 || status == 502 || status == 504);
    }

    private void pause(int round) {
        try {
            Thread.sleep(transport.settings().retry().backoff(round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to resend operations", e);
        }
    }

    /** Runs the tasks concurrently; the first failure is rethrown once all have finished. */
    <T> List<T> all(List<Callable<T>> tasks) {
        if (tasks.size() == 1) {
            try {
                return List.of(tasks.getFirst().call());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            futures.add(executor.submit(task));
        }
        List<T> results = new ArrayList<>(tasks.size());
        RuntimeException first = null;
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for writes", e);
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (first == null || !(first instanceof DataverseException) && cause instanceof DataverseException) {
                    first = cause;
                }
                results.add(null);
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }
}
