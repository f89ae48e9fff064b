package io.dvmigrate.dataverse.http;

import io.dvmigrate.dataverse.auth.AccessToken;
import io.dvmigrate.dataverse.config.ConnectionSettings;
import io.dvmigrate.dataverse.config.RetryPolicy;
import io.dvmigrate.dataverse.error.CredentialsRejected;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.error.ServiceUnreachable;
import io.dvmigrate.dataverse.metrics.ClientMetrics;
import io.dvmigrate.dataverse.throttle.Lane;
import io.dvmigrate.dataverse.throttle.LanePool;
import io.dvmigrate.dataverse.throttle.Permit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Sends requests to one environment and deals with everything that is not the caller's business: choosing the
 * application user, its token (one refresh and retry on a 401), its concurrency permit, 429s (the user pauses for
 * exactly the time Dataverse asks, preferring {@code x-ms-retry-after-ms}, and its limit drops), transient faults
 * (5xx, timeouts, dropped connections: jittered backoff within the retry policy) and metrics.
 * Returns every other answer to the caller, who knows what a 404 or a 412 means for its operation.
 */
public final class Transport {

    private static final String DOP_HINT = "x-ms-dop-hint";
    private static final String RETRY_AFTER_MS = "x-ms-retry-after-ms";
    private static final String RETRY_AFTER = "Retry-After";
    /** The 429 code of "Number of concurrent requests exceeded the limit" (the others are request count and time). */
    private static final String CONCURRENCY_LIMIT = "0x80072326";

    private final ConnectionSettings settings;
    private final HttpClient http;
    private final LanePool lanes;
    private final ClientMetrics metrics;
    private final RetryPolicy retry;

    public Transport(ConnectionSettings settings, HttpClient http, LanePool lanes, ClientMetrics metrics) {
        this.settings = settings;
        this.http = http;
        this.lanes = lanes;
        this.metrics = metrics;
        this.retry = settings.retry();
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public String environment() {
        return settings.name();
    }

    /**
     * Sends {@code request} until it gets an answer that is neither a 429 nor a transient fault, and returns it.
     *
     * @throws CredentialsRejected when no token can be had, or Dataverse rejects a freshly acquired one
     * @throws ServiceUnreachable  when no answer came within the retry policy
     * @throws RequestFailed       when transient errors or throttling outlasted the retry policy
     */
    public ApiResponse send(ApiRequest request) {
        Attempts attempts = new Attempts(request);
        while (true) {
            Permit permit = acquire(request);
            Lane lane = permit.lane();
            attempts.started(lane);
            AccessToken token;
            try {
                token = lane.tokens().token();
            } catch (ServiceUnreachable e) {
                lanes.released(permit);
                attempts.failed(lane, "connection", e, null);
                continue;
            } catch (RuntimeException e) {
                lanes.released(permit);
                throw e;
            }
            long sentAt = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = http.send(build(request, token), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lanes.released(permit);
                metrics.attempt(lane.user(), request.method(), "IO", System.nanoTime() - sentAt);
                if (!request.idempotent() && !neverSent(e)) {
                    throw new ServiceUnreachable(environment(), request.uri(), describe(e)
                            + " (not repeated: the request may have been applied)", e);
                }
                attempts.failed(lane, "connection", new ServiceUnreachable(environment(), request.uri(), describe(e), e), null);
                continue;
            } catch (InterruptedException e) {
                lanes.released(permit);
                Thread.currentThread().interrupt();
                throw new ServiceUnreachable(environment(), request.uri(), "interrupted", e);
            }
            int status = response.statusCode();
            metrics.attempt(lane.user(), request.method(), Integer.toString(status), System.nanoTime() - sentAt);
            response.headers().firstValue(DOP_HINT).flatMap(Transport::parseInt).ifPresent(hint -> lanes.dopHint(permit, hint));
            ApiResponse answer = new ApiResponse(status, response.headers(), response.body(), attempts.sent);
            if (status == 429) {
                Duration wait = retryAfter(response.headers()).orElseGet(() -> retry.backoff(attempts.throttles + 1));
                lanes.throttled(permit, wait, CONCURRENCY_LIMIT.equalsIgnoreCase(answer.error().code()));
                metrics.throttled(lane.user());
                attempts.throttled(lane, wait, answer);
            } else if (status == 401) {
                lanes.released(permit);
                if (attempts.refreshed) {
                    throw new CredentialsRejected(environment(), lane.user(),
                            "Dataverse refused a freshly acquired token: " + answer.error(), null);
                }
                lane.tokens().invalidate(token);
                attempts.unauthorized(lane);
            } else if (isTransient(status, request)) {
                lanes.released(permit);
                attempts.failed(lane, "server-error", null, answer);
            } else {
                lanes.succeeded(permit);
                return answer;
            }
        }
    }

    private Permit acquire(ApiRequest request) {
        try {
            return lanes.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachable(environment(), request.uri(), "interrupted while waiting for a concurrency permit", e);
        }
    }

    private HttpRequest build(ApiRequest request, AccessToken token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/json")
                .header("OData-MaxVersion", "4.0")
                .header("OData-Version", "4.0");
        request.headers().forEach(builder::header);
        if (request.body().isPresent()) {
            RequestBody body = request.body().get();
            builder.header("Content-Type", body.contentType());
            builder.method(request.method(), body.publisher());
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /**
     * 503 means the service did not take the request; the other 5xx and a 408 leave it open, so only idempotent
     * requests repeat after them.
     */
    private static boolean isTransient(int status, ApiRequest request) {
        return status == 503 || request.idempotent() && (status == 500 || status == 502 || status == 504 || status == 408);
    }

    /** Failures where the request certainly never reached the server. */
    private static boolean neverSent(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    }

    /** {@code x-ms-retry-after-ms} when present (sub-second precision), else {@code Retry-After} in seconds or as a date. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<Duration> millis = headers.firstValue(RETRY_AFTER_MS).flatMap(Transport::parseLong).map(Duration::ofMillis);
        if (millis.isPresent()) {
            return millis;
        }
        return headers.firstValue(RETRY_AFTER).flatMap(value -> {
            Optional<Long> seconds = parseLong(value.strip());
            if (seconds.isPresent()) {
                return Optional.of(Duration.ofSeconds(seconds.get()));
            }
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<Integer> parseInt(String value) {
        return parseLong(value.strip()).map(Long::intValue);
    }

    private static Optional<Long> parseLong(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** The bookkeeping of one request's attempts: what has failed so far and how long it has all taken. */
    private final class Attempts {
        private final ApiRequest request;
        private final long began = System.nanoTime();
        private int failures;
        private int throttles;
        private long throttledNanos;
        private boolean refreshed;
        private long waitingSince;
        private int sent;

        Attempts(ApiRequest request) {
            this.request = request;
        }

        void started(Lane lane) {
            if (sent++ > 0) {
                metrics.retryWait(lane.user(), Duration.ofNanos(System.nanoTime() - waitingSince));
            }
        }

        /** A transient failure: back off and go again, or give up when the policy is spent. */
        void failed(Lane lane, String reason, ServiceUnreachable unreachable, ApiResponse answer) {
            failures++;
            boolean spent = failures >= retry.maxAttempts() || System.nanoTime() - began > retry.maxElapsed().toNanos();
            if (spent && unreachable != null) {
                throw unreachable;
            }
            if (spent) {
                throw new RequestFailed(environment(), request.line(), answer.error(), sent, List.of());
            }
            metrics.retry(lane.user(), reason);
            waitingSince = System.nanoTime();
            try {
                Thread.sleep(retry.backoff(failures));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnreachable(environment(), request.uri(), "interrupted while backing off", e);
            }
        }

        /** A 401: the token is dropped and the request goes again, once. */
        void unauthorized(Lane lane) {
            refreshed = true;
            metrics.retry(lane.user(), "unauthorized");
            waitingSince = System.nanoTime();
        }

        /** A 429: the pool holds the user back for {@code wait}; give up only when throttling outlasts the policy. */
        void throttled(Lane lane, Duration wait, ApiResponse answer) {
            throttles++;
            throttledNanos += wait.toNanos();
            if (throttledNanos > retry.maxThrottleWait().toNanos()) {
                throw new RequestFailed(environment(), request.line(), answer.error(), sent, List.of());
            }
            metrics.retry(lane.user(), "throttled");
            waitingSince = System.nanoTime();
        }
    }
}
