package io.dvmigrate.emulator.schema;

/**
 * How a lookup column reaches one of its targets: the relationship's SchemaName, the navigation property on the
 * referencing table (exact case), the collection on the target, and what deleting the target does.
 * Null names are derived by {@link TableBuilder}.
 */
public record LookupTarget(String target, String relationship, String navigation, String referencedNavigation,
                           Cascade cascade) {

    public static LookupTarget of(String target) {
        return new LookupTarget(target, null, null, null, null);
    }
}
