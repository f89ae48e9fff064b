package io.dvmigrate.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row that could not be transformed or written. The record's value is this object as JSON; its headers repeat the
 * context ({@link Headers}) so a consumer can filter without parsing values.
 *
 * @param row   the row: the source row when the transformer rejected it, the target wire form when the loader did
 * @param error why
 * @param stage {@code transformer} or {@code loader}
 * @param id    the row's primary id or key, as the ledger and the verify pass name it
 * @param job   the table job the row was processed with: a replay sends the row again with it
 */
public record DeadLetter(JsonNode row, ErrorInfo error, String stage, String id, TableJob job) {

    /** The headers of this dead letter's Kafka record, for a row of chunk {@code chunk}. */
    public Map<String, String> headers(ChunkId chunk) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.RUN, chunk.run().toString());
        headers.put(Headers.TABLE, chunk.table());
        headers.put(Headers.PASS, chunk.pass().name());
        headers.put(Headers.CHUNK, Integer.toString(chunk.number()));
        headers.put(Headers.STAGE, stage);
        headers.put(Headers.HTTP_STATUS, Integer.toString(error.status()));
        if (error.code() != null) {
            headers.put(Headers.ERROR_CODE, error.code());
        }
        headers.put(Headers.ERROR_MESSAGE, error.message());
        return headers;
    }

    /** Kafka header names of dead-letter records. */
    public static final class Headers {
        public static final String RUN = "dvm-run";
        public static final String TABLE = "dvm-table";
        public static final String PASS = "dvm-pass";
        public static final String CHUNK = "dvm-chunk";
        public static final String STAGE = "dvm-stage";
        public static final String HTTP_STATUS = "dvm-http-status";
        public static final String ERROR_CODE = "dvm-error-code";
        public static final String ERROR_MESSAGE = "dvm-error-message";

        private Headers() {
        }
    }
}
