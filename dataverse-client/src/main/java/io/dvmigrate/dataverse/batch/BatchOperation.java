package io.dvmigrate.dataverse.batch;

import io.dvmigrate.dataverse.read.JsonRow;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request inside a {@code $batch}.
 *
 * @param url       path-absolute ({@code /api/data/v9.2/accounts}), absolute, or a Content-ID reference ({@code $1})
 * @param contentId set for operations of a change set so later ones can refer to them as {@code $n}
 */
public record BatchOperation(String method, String url, Map<String, String> headers, Optional<JsonRow> body,
                             Optional<String> contentId) implements BatchItem {

    public BatchOperation {
        headers = Map.copyOf(headers);
    }

    public static BatchOperation of(String method, String url) {
        return new BatchOperation(method, url, Map.of(), Optional.empty(), Optional.empty());
    }

    public BatchOperation json(JsonRow row) {
        return new BatchOperation(method, url, headers, Optional.of(row), contentId);
    }

    public BatchOperation header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new BatchOperation(method, url, more, body, contentId);
    }

    public BatchOperation headers(Map<String, String> extra) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.putAll(extra);
        return new BatchOperation(method, url, more, body, contentId);
    }

    public BatchOperation contentId(String id) {
        return new BatchOperation(method, url, headers, body, Optional.of(id));
    }

    ByteBuffer bodyView() {
        return body.map(JsonRow::asReadOnlyBuffer).orElse(ByteBuffer.allocate(0));
    }
}
