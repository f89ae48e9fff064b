package io.dvmigrate.dataverse.metadata;

/**
 * A many-to-many relationship: rows of the intersect table pair ids of the two tables; pairs are written with
 * {@code POST /<entity1 set>(<id>)/<entity1NavigationProperty>/$ref}.
 */
public record ManyToManyRelationship(String schemaName, String intersectEntity,
                                     String entity1, String entity1IntersectAttribute, String entity1NavigationProperty,
                                     String entity2, String entity2IntersectAttribute, String entity2NavigationProperty) {
}
