package io.dvmigrate.dataverse.http;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body assembled from pieces (literal text and the rows' own bytes), published as a few segments of up to
 * 64 KB rather than joined into one array. The JDK client writes each published buffer to the socket with a system
 * call of its own, and a bulk body is three small pieces per row (a comma, the row's {@code @odata.type}, the row):
 * so small pieces are gathered into segments, and only a large piece is published as a view of the caller's bytes. It
 * can be sent again for a retry; its length is known, so no chunked encoding is needed.
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

    /** Publishes the segments as they are (read-only views, no copy), as fast as the connection asks for them. */
    HttpRequest.BodyPublisher publisher() {
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                subscriber.onSubscribe(new Segments(subscriber));
            }
        };
    }

    /** The whole body as text (tests and diagnostics). */
    public String asString() {
        StringBuilder text = new StringBuilder();
        for (ByteBuffer segment : segments) {
            text.append(StandardCharsets.UTF_8.decode(segment.duplicate()));
        }
        return text.toString();
    }

    /** One subscription: hands out the segments on demand; re-entrant calls from onNext only add demand. */
    private final class Segments implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean cancelled;
        private int next;

        Segments(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        private void drain() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!cancelled && next < segments.size() && demand.get() > 0) {
                    demand.decrementAndGet();
                    subscriber.onNext(segments.get(next++).duplicate());
                }
                if (!cancelled && next == segments.size()) {
                    cancelled = true;
                    subscriber.onComplete();
                }
            } while (work.decrementAndGet() != 0);
        }
    }

    public static Builder builder(String contentType) {
        return new Builder(contentType);
    }

    /** Collects the pieces of a body in order, gathering small ones into segments. */
    public static final class Builder {
        /** The size of a gathered segment: a bulk body of 1,000 rows is about 16 of them, not 3,000 pieces. */
        static final int SEGMENT_BYTES = 64 * 1024;
        /** A piece at least this large is published as it is (a view, no copy) rather than gathered. */
        static final int VIEW_BYTES = 16 * 1024;

        private final String contentType;
        private final List<ByteBuffer> segments = new ArrayList<>();
        private byte[] gathering;
        private int gathered;

        private Builder(String contentType) {
            this.contentType = contentType;
        }

        public Builder text(String text) {
            if (!text.isEmpty()) {
                add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            }
            return this;
        }

        /** Bytes that stay owned by the caller (a row's JSON): copied into a segment, or viewed if large. */
        public Builder bytes(ByteBuffer view) {
            if (view.hasRemaining()) {
                add(view);
            }
            return this;
        }

        private void add(ByteBuffer piece) {
            if (piece.remaining() >= VIEW_BYTES) {
                endSegment();
                segments.add(piece);
                return;
            }
            if (gathering != null && gathered + piece.remaining() > gathering.length) {
                endSegment();
            }
            if (gathering == null) {
                gathering = new byte[SEGMENT_BYTES];
            }
            int length = piece.remaining();
            piece.duplicate().get(gathering, gathered, length);
            gathered += length;
        }

        private void endSegment() {
            if (gathered > 0) {
                segments.add(ByteBuffer.wrap(gathering, 0, gathered).asReadOnlyBuffer());
            }
            gathering = null;
            gathered = 0;
        }

        public RequestBody build() {
            endSegment();
            return new RequestBody(contentType, segments);
        }
    }
}
