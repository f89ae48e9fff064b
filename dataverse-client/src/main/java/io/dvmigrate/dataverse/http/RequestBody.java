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
