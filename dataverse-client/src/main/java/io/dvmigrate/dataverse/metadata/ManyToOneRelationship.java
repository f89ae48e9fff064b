package io.dvmigrate.dataverse.metadata;

/**
 * A lookup from the referencing table to the referenced one.
 *
 * @param navigationProperty           the name to use in {@code <navigationProperty>@odata.bind} and {@code $expand}
 *                                     (case-sensitive: {@code ReferencingEntityNavigationPropertyName})
 * @param referencedNavigationProperty the collection on the referenced table
 */
public record ManyToOneRelationship(String schemaName, String referencingEntity, String referencingAttribute,
                                    String referencedEntity, String referencedAttribute, String navigationProperty,
                                    String referencedNavigationProperty) {
}
