package io.dvmigrate.dataverse.metadata;

import java.util.List;

/** An alternate key: the columns whose values identify a row, and whether its index is ready. */
public record AlternateKey(String logicalName, String schemaName, List<String> attributes, KeyStatus status) {

    public AlternateKey {
        attributes = List.copyOf(attributes);
    }

    public boolean isActive() {
        return status == KeyStatus.ACTIVE;
    }
}
