package io.dvmigrate.emulator.schema;

/** Derives a SchemaName from a logical name the way Dataverse's designers usually case them. */
public final class SchemaNames {
    private SchemaNames() {
    }

    /**
     * {@code dvm_categoryid} becomes {@code dvm_Categoryid}; {@code name} becomes {@code Name}: the publisher prefix
     * stays lower case and the first letter after it is raised.
     */
    public static String fromLogicalName(String logicalName) {
        int underscore = logicalName.indexOf('_');
        if (underscore > 0 && underscore < logicalName.length() - 1) {
            return logicalName.substring(0, underscore + 1)
                    + Character.toUpperCase(logicalName.charAt(underscore + 1))
                    + logicalName.substring(underscore + 2);
        }
        return logicalName.isEmpty() ? logicalName
                : Character.toUpperCase(logicalName.charAt(0)) + logicalName.substring(1);
    }
}
