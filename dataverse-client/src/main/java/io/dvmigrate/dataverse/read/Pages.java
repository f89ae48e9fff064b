package io.dvmigrate.dataverse.read;

import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.http.ApiRequest;
import io.dvmigrate.dataverse.http.ApiResponse;
import io.dvmigrate.dataverse.http.Transport;

import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The pages of a read, fetched one at a time as they are asked for: only the current page is in memory, whatever
 * the table's size. Each next page is the previous one's {@code @odata.nextLink}, sent verbatim with the same
 * {@code Prefer} header. Not thread-safe; one reader per read.
 */
public final class Pages implements Iterator<Page>, Iterable<Page> {

    private final Transport transport;
    private final Map<String, String> headers;
    private URI nextUri;
    private int number;
    private Optional<String> deltaLink = Optional.empty();
    private long rows;

    public Pages(Transport transport, Query query) {
        this.transport = transport;
        this.headers = query.headers();
        this.nextUri = query.uri(transport.settings().serviceRoot());
    }

    @Override
    public boolean hasNext() {
        return nextUri != null;
    }

    /**
     * Fetches and parses the next page.
     *
     * @throws RequestFailed when Dataverse refuses the read (an unknown column, a missing privilege…)
     */
    @Override
    public Page next() {
        if (nextUri == null) {
            throw new NoSuchElementException("the read has no more pages");
        }
        ApiRequest request = ApiRequest.get(nextUri, headers);
        ApiResponse response = transport.send(request);
        if (!response.isSuccess()) {
            throw new RequestFailed(transport.environment(), request.line(), response.error(), response.attempts(), List.of());
        }
        Page page;
        try {
            page = PageParser.parse(response.body(), ++number);
        } catch (IOException e) {
            throw new IllegalStateException("environment '" + transport.environment() + "': " + request.line()
                    + " answered with a body that is not an OData collection: " + e.getMessage(), e);
        }
        rows += page.rows().size();
        nextUri = page.nextLink().map(QueryEncoding::link).orElse(null);
        if (page.deltaLink().isPresent()) {
            deltaLink = page.deltaLink();
        }
        return page;
    }

    @Override
    public Iterator<Page> iterator() {
        return this;
    }

    /** The delta link of a change-tracking read, once its last page has been read. */
    public Optional<String> deltaLink() {
        return deltaLink;
    }

    /** Pages read so far. */
    public int pagesRead() {
        return number;
    }

    /** Rows read so far (deleted-entity entries not counted). */
    public long rowsRead() {
        return rows;
    }
}
