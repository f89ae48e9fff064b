package io.dvmigrate.dataverse.http;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body assembled from pieces (literal text and the rows' own bytes), streamed to the socket without being
 * joined into one array. It can be sent again for a retry; its length is known, so no chunked encoding is needed.
 */
public final class RequestBody {

    private final String contentType;
    private final List<ByteBuffer> segments;
    private final long length;

    private RequestBody(String contentType, List<ByteBuffer> segments) {
        this.contentType = contentType;
        this.segments = List.copyOf(segments);
        this.length = segments.stream().mapToLong(ByteBuffer::remaining).sum();
    }

    public static RequestBody json(byte[] json) {
        return new RequestBody("application/json; charset=utf-8", List.of(ByteBuffer.wrap(json).asReadOnlyBuffer()));
    }

    public String contentType() {
        return contentType;
    }

    public long length() {
        return length;
    }

    HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(this::stream), length);
    }

    /** The whole body as text (tests and diagnostics). */
    public String asString() {
        try (InputStream in = stream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private InputStream stream() {
        return new InputStream() {
            private int index;
            private ByteBuffer current = segments.isEmpty() ? null : segments.getFirst().duplicate();

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int offset, int count) {
                while (current != null && !current.hasRemaining()) {
                    index++;
                    current = index < segments.size() ? segments.get(index).duplicate() : null;
                }
                if (current == null) {
                    return -1;
                }
                int n = Math.min(count, current.remaining());
                current.get(into, offset, n);
                return n;
            }
        };
    }

    public static Builder builder(String contentType) {
        return new Builder(contentType);
    }

    /** Collects the pieces of a body in order. */
    public static final class Builder {
        private final String contentType;
        private final List<ByteBuffer> segments = new ArrayList<>();

        private Builder(String contentType) {
            this.contentType = contentType;
        }

        public Builder text(String text) {
            if (!text.isEmpty()) {
                segments.add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            }
            return this;
        }

        /** A read-only view of bytes that stay owned by the caller (a row's JSON). */
        public Builder bytes(ByteBuffer view) {
            if (view.hasRemaining()) {
                segments.add(view);
            }
            return this;
        }

        public RequestBody build() {
            return new RequestBody(contentType, segments);
        }
    }
}
