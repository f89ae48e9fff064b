package io.dvmigrate.emulator.schema;


/** Creates the intersect table of a many-to-many relationship and registers the relationship. */
public final class IntersectTable {
    private IntersectTable() {
    }

    /**
     * Defines relationship {@code name} between {@code entity1} and {@code entity2}. Null attribute and navigation
     * names are derived: the tables' primary ids (suffixed "one"/"two" for a reflexive relationship) and the
     * relationship's name.
     */
    public static ManyToMany define(Schema schema, String name, String intersectName, String entitySetName,
                                    String entity1, String entity2, String entity1Attribute,
                                    String entity2Attribute, String entity1Navigation, String entity2Navigation,
                                    boolean custom) {
        String intersect = intersectName != null ? intersectName : name;
        boolean reflexive = entity1.equals(entity2);
        String pk1 = primaryIdOf(schema, entity1);
        String pk2 = primaryIdOf(schema, entity2);
        String attribute1 = entity1Attribute != null ? entity1Attribute : reflexive ? pk1 + "one" : pk1;
        String attribute2 = entity2Attribute != null ? entity2Attribute : reflexive ? pk2 + "two" : pk2;
        ManyToMany relationship = new ManyToMany(name, intersect, entity1, attribute1,
                entity1Navigation != null ? entity1Navigation : name, entity2, attribute2,
                entity2Navigation != null ? entity2Navigation : reflexive ? name + "_2" : name, custom,
                MetadataIds.of("relationship", name));
        if (!schema.hasTable(intersect)) {
            new TableBuilder(schema, intersect)
                    .entitySetName(entitySetName != null ? entitySetName : intersect + "set")
                    .primaryId(intersect + "id").ownership(OwnershipType.None).intersect(true).custom(custom)
                    .standardColumns(false).changeTracking(false).bulkOperations(false)
                    .column(Column.builder(attribute1, AttributeType.Uniqueidentifier).readOnly().build())
                    .column(Column.builder(attribute2, AttributeType.Uniqueidentifier).readOnly().build())
                    .column(Column.builder("versionnumber", AttributeType.BigInt).readOnly().build())
                    .build();
        }
        schema.addRelationship(relationship);
        return relationship;
    }

    private static String primaryIdOf(Schema schema, String table) {
        return schema.table(table).map(Table::primaryIdAttribute).orElse(table + "id");
    }
}
