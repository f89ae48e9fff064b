package io.dvmigrate.emulator.schema;

import java.util.List;
import java.util.UUID;

/** An alternate key (EntityKeyMetadata): the columns whose values together identify a row. */
public record AlternateKey(String logicalName, String schemaName, List<String> columns, KeyStatus status, UUID metadataId) {

    public AlternateKey {
        columns = List.copyOf(columns);
    }

    public boolean isActive() {
        return status == KeyStatus.Active;
    }

    public AlternateKey withStatus(KeyStatus newStatus) {
        return new AlternateKey(logicalName, schemaName, columns, newStatus, metadataId);
    }
}
