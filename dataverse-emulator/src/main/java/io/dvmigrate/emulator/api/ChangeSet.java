package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.data.Transaction;

import java.util.HashMap;
import java.util.Map;

/**
 * An atomic unit spanning several requests ($batch change set): one transaction, and the URLs its Content-IDs
 * stand for. A single request outside a change set gets its own.
 */
final class ChangeSet {
    private final Transaction transaction = new Transaction();
    private final Map<String, String> contentIds = new HashMap<>();

    Transaction transaction() {
        return transaction;
    }

    Map<String, String> contentIds() {
        return contentIds;
    }
}
