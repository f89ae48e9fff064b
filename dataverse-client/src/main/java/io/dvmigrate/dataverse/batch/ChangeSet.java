package io.dvmigrate.dataverse.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Operations that succeed or fail together (Dataverse runs a change set as one transaction). Operations without a
 * Content-ID get their position (1, 2, …) as one, so later operations can refer to earlier ones as {@code $n}.
 */
public record ChangeSet(List<BatchOperation> operations) implements BatchItem {

    public ChangeSet {
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("a change set needs at least one operation");
        }
        List<BatchOperation> numbered = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            BatchOperation op = operations.get(i);
            if ("GET".equalsIgnoreCase(op.method())) {
                throw new IllegalArgumentException("a change set cannot hold a GET (operation " + (i + 1) + ")");
            }
            numbered.add(op.contentId().isPresent() ? op : op.contentId(Integer.toString(i + 1)));
        }
        operations = List.copyOf(numbered);
    }
}
