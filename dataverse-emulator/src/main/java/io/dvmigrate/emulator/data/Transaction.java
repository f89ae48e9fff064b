package io.dvmigrate.emulator.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * The undo log of one atomic unit of work (a request, a change set, a bulk request). Every write goes through it;
 * {@link #rollback()} restores each touched row, newest change first.
 */
public final class Transaction {
    private final Deque<Runnable> undo = new ArrayDeque<>();

    public Row put(TableData table, Row row) {
        Row previous = table.put(row);
        undo.push(() -> table.restore(row.id(), previous));
        return previous;
    }

    public Row delete(TableData table, UUID id, long version) {
        int tombstones = table.tombstoneCount();
        Row removed = table.remove(id, version);
        if (removed != null) {
            undo.push(() -> {
                table.restore(id, removed);
                table.truncateTombstones(tombstones);
            });
        }
        return removed;
    }

    public void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }
}
