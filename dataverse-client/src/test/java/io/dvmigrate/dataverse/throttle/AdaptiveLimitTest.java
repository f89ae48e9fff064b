package io.dvmigrate.dataverse.throttle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveLimitTest {

    private static final long MS = 1_000_000L;

    @Test
    void slowStartsUntilTheDopHintThenTakesItOnce() {
        AdaptiveLimit limit = new AdaptiveLimit(2, 52);
        limit.acquire();
        limit.acquire();
        limit.succeeded(true);
        assertThat(limit.permits()).isEqualTo(3);

        limit.dopHint(40);
        assertThat(limit.permits()).isEqualTo(40);
        limit.dopHint(10);
        assertThat(limit.permits()).as("the hint is a starting point, not a setting").isEqualTo(40);
    }

    @Test
    void growsAdditivelyOnlyWhileTheLimitHoldsRequestsBack() {
        AdaptiveLimit limit = new AdaptiveLimit(2, 52);
        limit.dopHint(10);
        for (int i = 0; i < 10; i++) {
            limit.acquire();
            limit.succeeded(false);
        }
        assertThat(limit.limit()).as("one request at a time never presses against a limit of 10").isEqualTo(10.0);

        for (int i = 0; i < 10; i++) {
            limit.acquire();
            limit.succeeded(true);
        }
        assertThat(limit.limit()).isBetween(10.9, 11.0);
    }

    @Test
    void halvesOncePerCongestionEventAndPausesForTheRetryAfter() {
        AdaptiveLimit limit = new AdaptiveLimit(2, 52);
        limit.dopHint(40);
        for (int i = 0; i < 3; i++) {
            limit.acquire();
        }
        long started = 0;
        limit.throttled(started, 10 * MS, 500 * MS, true);
        limit.throttled(started, 11 * MS, 200 * MS, true);
        limit.throttled(started, 12 * MS, 700 * MS, true);

        assertThat(limit.limit()).as("three 429s for requests sent before the cut: one halving").isEqualTo(20.0);
        assertThat(limit.isPaused(100 * MS)).isTrue();
        assertThat(limit.free(700 * MS)).isZero();
        assertThat(limit.pausedUntil()).as("the longest Retry-After wins").isEqualTo(712 * MS);
        assertThat(limit.isPaused(712 * MS)).isFalse();
        assertThat(limit.free(712 * MS)).isEqualTo(20);

        limit.acquire();
        limit.throttled(713 * MS, 720 * MS, 100 * MS, true);
        assertThat(limit.limit()).as("a request sent after the cut is a new congestion event").isEqualTo(10.0);

        limit.acquire();
        limit.throttled(721 * MS, 730 * MS, 100 * MS, false);
        assertThat(limit.limit()).as("a rate limit only eases the limit: the pause holds the rate").isEqualTo(8.0);
    }

    @Test
    void neverDropsBelowOneNorGrowsAboveTheMaximum() {
        AdaptiveLimit limit = new AdaptiveLimit(1, 3);
        for (int i = 0; i < 5; i++) {
            limit.acquire();
            limit.throttled(i * 10 * MS, i * 10 * MS + 1, 0, true);
        }
        assertThat(limit.permits()).isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            limit.acquire();
            limit.succeeded(true);
        }
        assertThat(limit.permits()).isEqualTo(3);
    }
}
