package io.dvmigrate.dataverse.http;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    @Test
    void millisecondHeaderWinsOverSeconds() {
        assertThat(Transport.retryAfter(headers(Map.of("Retry-After", List.of("1"), "x-ms-retry-after-ms", List.of("137")))))
                .contains(Duration.ofMillis(137));
        assertThat(Transport.retryAfter(headers(Map.of("Retry-After", List.of("12"))))).contains(Duration.ofSeconds(12));
        assertThat(Transport.retryAfter(headers(Map.of("Retry-After", List.of("soon"))))).isEmpty();
        assertThat(Transport.retryAfter(headers(Map.of()))).isEmpty();
    }

    private static HttpHeaders headers(Map<String, List<String>> values) {
        return HttpHeaders.of(values, (a, b) -> true);
    }
}
