package io.dvmigrate.emulator.schema;

import java.util.UUID;

/**
 * A one-to-many relationship (OneToManyRelationshipMetadata): {@code referencingEntity.referencingAttribute}
 * points at {@code referencedEntity}. The referencing table binds through {@code referencingNavigation} (a
 * single-valued navigation property, exact case); the referenced table lists its children through
 * {@code referencedNavigation} (a collection).
 */
public record OneToMany(String schemaName, String referencedEntity, String referencedAttribute,
                        String referencingEntity, String referencingAttribute,
                        String referencedNavigation, String referencingNavigation,
                        Cascade deleteCascade, boolean hierarchical, boolean custom, UUID metadataId) {
}
