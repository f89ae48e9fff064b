package io.dvmigrate.dataverse.read;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of a read: its rows (raw), the ids of rows deleted since the last sync (change tracking only), and where
 * the read goes on: the {@code @odata.nextLink} of the next page, or on the last page of a change-tracking read the
 * {@code @odata.deltaLink} to keep for the next sync.
 *
 * @param number 1 for the first page of a read
 */
public record Page(int number, List<JsonRow> rows, List<String> deletedIds, Optional<String> nextLink,
                   Optional<String> deltaLink, OptionalLong count) {

    public Page {
        rows = List.copyOf(rows);
        deletedIds = List.copyOf(deletedIds);
    }

    public boolean isLast() {
        return nextLink.isEmpty();
    }
}
