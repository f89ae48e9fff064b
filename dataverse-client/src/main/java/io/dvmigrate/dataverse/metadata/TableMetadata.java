package io.dvmigrate.dataverse.metadata;

import io.dvmigrate.dataverse.write.TableRef;

import java.util.List;
import java.util.Optional;

/** A table with its columns, alternate keys and relationships. */
public record TableMetadata(TableSummary table, List<ColumnMetadata> columns, List<AlternateKey> keys,
                            List<ManyToOneRelationship> manyToOne, List<ManyToManyRelationship> manyToMany) {

    public TableMetadata {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
        manyToOne = List.copyOf(manyToOne);
        manyToMany = List.copyOf(manyToMany);
    }

    public String logicalName() {
        return table.logicalName();
    }

    public String entitySetName() {
        return table.entitySetName();
    }

    public TableRef ref() {
        return table.ref();
    }

    public Optional<ColumnMetadata> column(String logicalName) {
        return columns.stream().filter(c -> c.logicalName().equals(logicalName)).findFirst();
    }

    /** The lookups a column takes part in: one relationship per target table (several for a polymorphic lookup). */
    public List<ManyToOneRelationship> relationshipsOf(String lookupColumn) {
        return manyToOne.stream().filter(r -> r.referencingAttribute().equals(lookupColumn)).toList();
    }

    public List<AlternateKey> activeKeys() {
        return keys.stream().filter(AlternateKey::isActive).toList();
    }
}
