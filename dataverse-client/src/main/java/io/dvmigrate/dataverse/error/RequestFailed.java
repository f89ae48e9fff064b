package io.dvmigrate.dataverse.error;

import io.dvmigrate.dataverse.read.JsonRow;

import java.util.List;

/**
 * Dataverse answered a request with an error that retrying would not fix, or kept answering with a transient one
 * until the retry policy gave up. Carries the request line, Dataverse's error, how many attempts were made and, for
 * a write, the rows the request carried.
 */
public final class RequestFailed extends DataverseException {

    private final RequestLine request;
    private final DataverseError error;
    private final int attempts;
    private final List<JsonRow> rows;

    public RequestFailed(String environment, RequestLine request, DataverseError error, int attempts, List<JsonRow> rows) {
        super(environment, "Environment '" + environment + "': " + request + " failed" + (attempts > 1 ? " after " + attempts + " attempts" : "")
                + " with " + error + (rows.isEmpty() ? "" : " (" + rows.size() + " rows)"), null);
        this.request = request;
        this.error = error;
        this.attempts = attempts;
        this.rows = List.copyOf(rows);
    }

    public RequestLine request() {
        return request;
    }

    public DataverseError error() {
        return error;
    }

    public int status() {
        return error.status();
    }

    public String code() {
        return error.code();
    }

    public int attempts() {
        return attempts;
    }

    /** The rows the failed write carried, empty for requests that carry none. */
    public List<JsonRow> rows() {
        return rows;
    }

    public RequestFailed withRows(List<JsonRow> carried) {
        return new RequestFailed(environment(), request, error, attempts, carried);
    }
}
