package io.dvmigrate.emulator.schema;

import java.util.List;

/** A navigation property of a table, named with its exact case as @odata.bind, $expand and $ref need it. */
public sealed interface Navigation {

    String name();

    /** A lookup: binds the row's {@code column} to a row of one of {@code targets}. */
    record Single(String name, Column column, List<String> targets, OneToMany relationship) implements Navigation {
    }

    /** The rows of another table whose lookup points at this row. */
    record Children(String name, OneToMany relationship) implements Navigation {
    }

    /** The rows related through an intersect table. {@code fromEntity1} says which side this table is. */
    record Related(String name, ManyToMany relationship, boolean fromEntity1) implements Navigation {

        public String otherEntity() {
            return fromEntity1 ? relationship.entity2() : relationship.entity1();
        }

        public String thisIntersectAttribute() {
            return fromEntity1 ? relationship.entity1IntersectAttribute() : relationship.entity2IntersectAttribute();
        }

        public String otherIntersectAttribute() {
            return fromEntity1 ? relationship.entity2IntersectAttribute() : relationship.entity1IntersectAttribute();
        }
    }
}
