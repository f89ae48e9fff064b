package io.dvmigrate.dataverse.throttle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LanePoolTest {

    @Test
    void spreadsOverUsersAndSkipsAThrottledOne() throws Exception {
        Lane a = new Lane("app-a", null, 2, 52);
        Lane b = new Lane("app-b", null, 2, 52);
        LanePool pool = new LanePool(List.of(a, b));

        Permit first = pool.acquire();
        Permit second = pool.acquire();
        assertThat(List.of(first.lane(), second.lane())).containsExactlyInAnyOrder(a, b);

        pool.throttled(first, Duration.ofSeconds(30), false);
        for (int i = 0; i < 3; i++) {
            Permit next = pool.acquire();
            assertThat(next.lane()).isNotSameAs(first.lane());
            pool.succeeded(next);
        }
    }

    @Test
    void theFirstDopHintStartsEveryUserThatHasNotHeardOne() throws Exception {
        Lane a = new Lane("app-a", null, 2, 52);
        Lane b = new Lane("app-b", null, 2, 52);
        LanePool pool = new LanePool(List.of(a, b));

        Permit first = pool.acquire();
        pool.dopHint(first, 8);
        pool.succeeded(first);

        assertThat(pool.limitOf(a)).isEqualTo(8.0);
        assertThat(pool.limitOf(b)).isEqualTo(8.0);
        int onA = 0;
        List<Permit> held = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Permit permit = pool.acquire();
            held.add(permit);
            onA += permit.lane() == a ? 1 : 0;
        }
        assertThat(onA).as("equal room: the users take turns").isEqualTo(8);
    }

    @Test
    void waitsExactlyUntilTheRetryAfterHasPassed() throws Exception {
        Lane only = new Lane("app", null, 4, 52);
        LanePool pool = new LanePool(List.of(only));
        Permit permit = pool.acquire();

        pool.throttled(permit, Duration.ofMillis(300), true);
        long before = System.nanoTime();
        Permit after = pool.acquire();
        long waitedMs = (System.nanoTime() - before) / 1_000_000;

        assertThat(waitedMs).isBetween(280L, 400L);
        assertThat(after.lane()).isSameAs(only);
        assertThat(pool.limitOf(only)).isEqualTo(2.0);
    }

    @Test
    void aReleasedPermitWakesAWaiter() throws Exception {
        Lane only = new Lane("app", null, 1, 1);
        LanePool pool = new LanePool(List.of(only));
        Permit held = pool.acquire();

        Thread releaser = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pool.succeeded(held);
        });
        long before = System.nanoTime();
        pool.acquire();
        releaser.join();

        assertThat((System.nanoTime() - before) / 1_000_000).isBetween(80L, 1000L);
        assertThat(pool.inFlightOf(only)).isEqualTo(1);
    }
}
