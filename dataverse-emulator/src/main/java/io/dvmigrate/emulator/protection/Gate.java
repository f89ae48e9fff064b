package io.dvmigrate.emulator.protection;

import io.dvmigrate.emulator.ServiceProtection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service protection and fault injection for the whole emulator: one {@link Budget} per (environment,
 * application user), the current limits (replaceable at run time), and the seeded dice for injected faults.
 */
public final class Gate {
    private final ConcurrentHashMap<String, Budget> budgets = new ConcurrentHashMap<>();
    private volatile ServiceProtection limits;
    private Random dice;

    public Gate(ServiceProtection limits) {
        this.limits = limits;
        this.dice = new Random(limits.seed());
    }

    public ServiceProtection limits() {
        return limits;
    }

    /** Replaces the limits; windows start afresh, stats and requests in flight are kept. */
    public synchronized void limits(ServiceProtection next) {
        this.limits = next;
        this.dice = new Random(next.seed());
        budgets.values().forEach(Budget::clearWindow);
    }

    /** Admits a request of {@code clientId} to {@code environment}; a refusal comes as a {@link Throttling}. */
    public Admission admit(String environment, String clientId) {
        Budget budget = budgets.computeIfAbsent(environment + "\u0000" + clientId, k -> new Budget(environment, clientId));
        ServiceProtection current = limits;
        Throttling throttling = budget.admit(current, System.nanoTime());
        return throttling != null ? throttling : new Ticket(budget, current);
    }

    /** Whether this request is answered 503 (fault injection). */
    public synchronized boolean rollFailure() {
        return limits.failRate() > 0 && dice.nextDouble() < limits.failRate();
    }

    /** Whether this request's connection is dropped instead of answered (fault injection). */
    public synchronized boolean rollDrop() {
        return limits.dropRate() > 0 && dice.nextDouble() < limits.dropRate();
    }

    public void finish(Ticket ticket, Duration cost, int written, int read) {
        ticket.budget().finish(System.nanoTime(), cost, written, read);
    }

    /** A request answered 503 by fault injection before it ran: its slot is freed, nothing is charged. */
    public void failed(Ticket ticket) {
        ticket.budget().failed();
    }

    /** A request that ran and whose connection was then dropped (after {@link #finish}). */
    public void dropped(Ticket ticket) {
        ticket.budget().countDropped();
    }

    public List<UserStats> stats() {
        List<UserStats> stats = new ArrayList<>();
        budgets.values().forEach(b -> stats.add(b.stats()));
        stats.sort(Comparator.comparing(UserStats::environment).thenComparing(UserStats::clientId));
        return stats;
    }

    public void resetStats() {
        budgets.values().forEach(Budget::resetStats);
    }
}
