package io.dvmigrate.dataverse.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    @Test
    void aBulkBodyOfSmallPiecesIsPublishedInAFewSegmentsWithEveryByteInOrder() {
        RequestBody.Builder builder = RequestBody.builder("application/json").text("{\"Targets\":[");
        StringBuilder expected = new StringBuilder("{\"Targets\":[");
        for (int i = 0; i < 1000; i++) {
            String row = "\"dvm_name\":\"Record " + i + "\",\"dvm_description\":\"" + "x".repeat(900) + "\"}";
            if (i > 0) {
                builder.text(",");
                expected.append(',');
            }
            builder.text("{\"@odata.type\":\"Microsoft.Dynamics.CRM.dvm_benchrecord\",")
                    .bytes(ByteBuffer.wrap(row.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer());
            expected.append("{\"@odata.type\":\"Microsoft.Dynamics.CRM.dvm_benchrecord\",").append(row);
        }
        RequestBody body = builder.text("]}").build();
        expected.append("]}");

        List<ByteBuffer> published = publish(body);

        // 2,999 pieces of about a kilobyte: one socket write each before, now one per 64 KB segment
        assertThat(published).hasSizeLessThanOrEqualTo(
                (int) (body.length() / RequestBody.Builder.SEGMENT_BYTES) + 2);
        assertThat(text(published)).isEqualTo(expected.toString());
        assertThat(body.length()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8).length);
        assertThat(body.asString()).isEqualTo(expected.toString());
    }

    @Test
    void aLargePieceIsPublishedWholeBetweenTheGatheredOnes() {
        byte[] large = new byte[100_000];
        Arrays.fill(large, (byte) 'a');
        RequestBody body = RequestBody.builder("text/plain").text("<").bytes(ByteBuffer.wrap(large)).text(">").build();

        List<ByteBuffer> published = publish(body);

        assertThat(published).extracting(ByteBuffer::remaining).containsExactly(1, 100_000, 1);
        assertThat(text(published)).isEqualTo("<" + "a".repeat(100_000) + ">");
    }

    @Test
    void aRetryPublishesTheSameBytesAgain() {
        RequestBody body = RequestBody.builder("text/plain").text("one,").bytes(ByteBuffer.wrap(new byte[] {'2'}))
                .text(",three").build();

        assertThat(text(publish(body))).isEqualTo("one,2,three");
        assertThat(text(publish(body))).isEqualTo("one,2,three");
    }

    private static List<ByteBuffer> publish(RequestBody body) {
        HttpRequest.BodyPublisher publisher = body.publisher();
        assertThat(publisher.contentLength()).isEqualTo(body.length());
        List<ByteBuffer> received = new ArrayList<>();
        boolean[] completed = {false};
        publisher.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(1); // the client asks for one buffer at a time
            }

            @Override
            public void onNext(ByteBuffer item) {
                received.add(item);
                subscription.request(1);
            }

            @Override
            public void onError(Throwable throwable) {
                throw new AssertionError(throwable);
            }

            @Override
            public void onComplete() {
                completed[0] = true;
            }
        });
        assertThat(completed[0]).as("the publisher completes").isTrue();
        return received;
    }

    private static String text(List<ByteBuffer> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer buffer : buffers) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            out.writeBytes(bytes);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
