package io.dvmigrate.dataverse.throttle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out permits to send requests over an environment's application users. A request goes to the user with the
 * most free permits, so load spreads over all users and a throttled user is skipped while others have room. When no
 * user has room, callers wait: for a permit to come back, or exactly until the earliest pause ends.
 */
public final class LanePool {

    private final List<Lane> lanes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int waiting;
    private int next;

    public LanePool(List<Lane> lanes) {
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("a lane pool needs at least one lane");
        }
        this.lanes = List.copyOf(lanes);
    }

    public Permit acquire() throws InterruptedException {
        lock.lock();
        try {
            waiting++;
            try {
                while (true) {
                    long now = System.nanoTime();
                    Lane lane = roomiest(now);
                    if (lane != null) {
                        lane.limit.acquire();
                        return new Permit(lane, now);
                    }
                    long wake = earliestPauseEnd(now);
                    if (wake > 0) {
                        changed.awaitNanos(wake);
                    } else {
                        changed.await();
                    }
                }
            } finally {
                waiting--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The request got an answer that was not a 429. */
    public void succeeded(Permit permit) {
        update(() -> permit.lane().limit.succeeded(waiting > 0));
    }

    /** The request ended without telling anything about load (a transport failure, a 5xx). */
    public void released(Permit permit) {
        update(() -> permit.lane().limit.released());
    }

    /**
     * The request got a 429 asking to wait {@code retryAfter}.
     *
     * @param concurrency whether it was the concurrent-request limit (rather than a rate limit) that refused it
     */
    public void throttled(Permit permit, Duration retryAfter, boolean concurrency) {
        update(() -> permit.lane().limit.throttled(permit.startedNanos(), System.nanoTime(), retryAfter.toNanos(), concurrency));
    }

    /**
     * The service's recommended parallelism, as one user's answer carried it: every user still waiting for its first
     * answer starts from it too, so a second user is not left at the initial limit while the first one takes the load.
     */
    public void dopHint(Permit permit, int hint) {
        update(() -> lanes.forEach(lane -> lane.limit.dopHint(hint)));
    }

    /** A snapshot for metrics: the lane's current limit. */
    public double limitOf(Lane lane) {
        lock.lock();
        try {
            return lane.limit.limit();
        } finally {
            lock.unlock();
        }
    }

    public int inFlightOf(Lane lane) {
        lock.lock();
        try {
            return lane.limit.inFlight();
        } finally {
            lock.unlock();
        }
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Lane roomiest(long now) {
        Lane best = null;
        int bestFree = 0;
        int n = lanes.size();
        for (int i = 0; i < n; i++) {
            Lane lane = lanes.get((next + i) % n);
            int free = lane.limit.free(now);
            if (free > bestFree) {
                best = lane;
                bestFree = free;
            }
        }
        if (best != null) {
            next = (lanes.indexOf(best) + 1) % n;
        }
        return best;
    }

    /** Nanoseconds until the first paused lane may send again, or 0 when none is paused. */
    private long earliestPauseEnd(long now) {
        long earliest = 0;
        for (Lane lane : lanes) {
            if (lane.limit.isPaused(now)) {
                long remaining = lane.limit.pausedUntil() - now;
                earliest = earliest == 0 ? remaining : Math.min(earliest, remaining);
            }
        }
        return earliest;
    }
}
