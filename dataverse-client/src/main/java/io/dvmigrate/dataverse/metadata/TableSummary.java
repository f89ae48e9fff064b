package io.dvmigrate.dataverse.metadata;

import io.dvmigrate.dataverse.write.TableRef;

import java.util.Optional;

/** A table as {@code EntityDefinitions} lists it. */
public record TableSummary(String logicalName, String schemaName, String entitySetName, String primaryIdAttribute,
                           String primaryNameAttribute, String ownershipType, boolean intersect,
                           boolean changeTrackingEnabled, Optional<Integer> objectTypeCode, boolean custom) {

    /** What writes need to address the table. */
    public TableRef ref() {
        return new TableRef(logicalName, entitySetName, primaryIdAttribute);
    }
}
