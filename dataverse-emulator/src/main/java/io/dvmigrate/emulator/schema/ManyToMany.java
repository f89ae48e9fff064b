package io.dvmigrate.emulator.schema;

import java.util.UUID;

/**
 * A many-to-many relationship (ManyToManyRelationshipMetadata) stored in the intersect table
 * {@code intersectEntity}, whose rows hold {@code entity1IntersectAttribute} and {@code entity2IntersectAttribute}.
 */
public record ManyToMany(String schemaName, String intersectEntity,
                         String entity1, String entity1IntersectAttribute, String entity1Navigation,
                         String entity2, String entity2IntersectAttribute, String entity2Navigation,
                         boolean custom, UUID metadataId) {
}
