package io.dvmigrate.dataverse.write;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of writing a list of items: how many succeeded and, for each one Dataverse refused, why.
 * Transient trouble never ends up here: it is retried, or the whole call throws.
 *
 * @param mode the mode that was used in the end (AUTO resolves to BULK or BATCH)
 */
public record WriteResult<T>(int succeeded, List<Failure<T>> failures, WriteMode mode) {

    public WriteResult {
        List<Failure<T>> sorted = new ArrayList<>(failures);
        sorted.sort(Comparator.comparingInt(Failure::index));
        failures = List.copyOf(sorted);
    }

    public boolean allSucceeded() {
        return failures.isEmpty();
    }

    WriteResult<T> plus(WriteResult<T> other) {
        List<Failure<T>> all = new ArrayList<>(failures);
        all.addAll(other.failures);
        return new WriteResult<>(succeeded + other.succeeded, all, mode);
    }
}
