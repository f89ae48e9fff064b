package io.dvmigrate.emulator.protection;

import io.dvmigrate.emulator.ServiceProtection;

/** An admitted request: the budget it is charged to and the limits it was admitted under. */
public record Ticket(Budget budget, ServiceProtection limits) implements Admission {

    public long remainingRequests() {
        return budget.remainingRequests(limits);
    }

    public long remainingMillis() {
        return budget.remainingMillis(limits);
    }
}
