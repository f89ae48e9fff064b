package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.odata.ODataException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Web API answer: status, headers in order, body, and how many records it read and wrote (what the
 * service-protection cost model charges).
 */
public final class ApiResponse {
    public static final String JSON = "application/json; odata.metadata=minimal";

    private final int status;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body;
    private int length;
    private int recordsRead;
    private int recordsWritten;
    private int operations = 1;

    public ApiResponse(int status) {
        this.status = status;
        this.body = new byte[0];
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204);
    }

    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status).header("Content-Type", JSON).body(body);
    }

    /** The emulator's own header naming the bulk target that failed (the body stays Dataverse's). */
    public static final String TARGET_INDEX = "x-dvm-bulk-target-index";

    public static ApiResponse error(ODataException error) {
        ApiResponse response = json(error.status(), JsonBodies.error(error.code(), error.getMessage()));
        if (error.targetIndex() >= 0) {
            response.header(TARGET_INDEX, String.valueOf(error.targetIndex()));
        }
        return response;
    }

    public static ApiResponse text(int status, String text) {
        return new ApiResponse(status).header("Content-Type", "text/plain")
                .body(text.getBytes(StandardCharsets.UTF_8));
    }

    public ApiResponse header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    public ApiResponse body(byte[] bytes) {
        return body(bytes, bytes.length);
    }

    /** The body: the first {@code size} bytes of {@code array}. */
    public ApiResponse body(byte[] array, int size) {
        this.body = array;
        this.length = size;
        return this;
    }

    public ApiResponse records(int read, int written) {
        this.recordsRead += read;
        this.recordsWritten += written;
        return this;
    }

    /** Counts the operations inside (a $batch charges each of its parts). */
    public ApiResponse operations(int count) {
        this.operations = count;
        return this;
    }

    public int status() { return status; }
    public List<Map.Entry<String, String>> headers() { return headers; }
    /** The body as an array of its exact length. */
    public byte[] body() {
        return length == body.length ? body : java.util.Arrays.copyOf(body, length);
    }

    /** The array holding the body, of which the first {@link #bodyLength()} bytes count. */
    public byte[] bodyArray() { return body; }
    public int bodyLength() { return length; }
    public int recordsRead() { return recordsRead; }
    public int recordsWritten() { return recordsWritten; }
    public int operations() { return operations; }

    public String headerValue(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    public boolean isSuccess() {
        return status < 400;
    }
}
