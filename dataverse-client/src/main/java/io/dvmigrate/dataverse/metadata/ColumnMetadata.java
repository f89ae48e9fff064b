package io.dvmigrate.dataverse.metadata;

import java.util.List;
import java.util.Optional;

/**
 * A column of a table.
 *
 * @param type        {@code AttributeType} (String, Lookup, Customer, Owner, Picklist, Money, Virtual…)
 * @param typeName    {@code AttributeTypeName.Value}, which tells what {@code type} cannot
 *                    ({@code MultiSelectPicklistType}, {@code ImageType}, {@code FileType}…)
 * @param attributeOf set on shadow columns ({@code …name}, {@code …yominame}) that mirror another column; never written
 * @param maxLength   for text columns
 * @param options     for choice columns, in the service's order
 * @param targets     for lookups: the tables it may point to (several for customer, owner and regarding lookups)
 */
public record ColumnMetadata(String logicalName, String schemaName, String type, String typeName,
                             Optional<String> attributeOf, boolean validForCreate, boolean validForUpdate,
                             boolean validForRead, boolean primaryId, boolean primaryName, RequiredLevel requiredLevel,
                             Optional<Integer> maxLength, List<OptionValue> options, List<String> targets,
                             boolean custom) {

    public ColumnMetadata {
        options = List.copyOf(options);
        targets = List.copyOf(targets);
    }

    public boolean isLookup() {
        return type.equals("Lookup") || type.equals("Customer") || type.equals("Owner");
    }

    /** A lookup that can point to more than one table (customer, owner, regarding). */
    public boolean isPolymorphic() {
        return isLookup() && targets.size() > 1;
    }

    public boolean isShadow() {
        return attributeOf.isPresent();
    }
}
