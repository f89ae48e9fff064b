package io.dvmigrate.dataverse.write;

/**
 * What a write needs to know about its table: the logical name ({@code @odata.type} of bulk targets), the entity set
 * (the URL) and the primary id column (to address rows by id).
 */
public record TableRef(String logicalName, String entitySetName, String primaryIdAttribute) {

    public TableRef {
        if (logicalName == null || logicalName.isBlank() || entitySetName == null || entitySetName.isBlank()
                || primaryIdAttribute == null || primaryIdAttribute.isBlank()) {
            throw new IllegalArgumentException("a table reference needs its logical name, entity set and primary id column, got "
                    + logicalName + "/" + entitySetName + "/" + primaryIdAttribute);
        }
    }

    /** {@code Microsoft.Dynamics.CRM.<logical name>}, the type every bulk target must name. */
    public String odataType() {
        return "Microsoft.Dynamics.CRM." + logicalName;
    }
}
