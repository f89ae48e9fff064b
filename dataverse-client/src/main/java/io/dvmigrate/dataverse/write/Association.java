package io.dvmigrate.dataverse.write;

/**
 * A pair to link through a collection-valued navigation property (a many-to-many relationship, or a one-to-many
 * from the "one" side): {@code POST /<entitySet>(<id>)/<navigationProperty>/$ref} with
 * {@code {"@odata.id":"<root><relatedEntitySet>(<relatedId>)"}}.
 */
public record Association(String entitySet, String id, String navigationProperty, String relatedEntitySet, String relatedId) {
}
