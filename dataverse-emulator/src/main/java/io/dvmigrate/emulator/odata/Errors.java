package io.dvmigrate.emulator.odata;

import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Table;

import java.util.UUID;

/**
 * The errors of the real Web API, with the codes and message texts of reference/dataverse-webapi.md section 8
 * and realdata/http/ERROR_CODES_NOTES.md. Where the reference has no text, the README's "fidelity" section says
 * which form was chosen.
 */
public final class Errors {
    public static final String HELP_LINK = "https://go.microsoft.com/fwlink/?linkid=2195293";

    private Errors() {
    }

    public static ODataException notFound(Table table, UUID id) {
        return new ODataException(404, "0x80040217", table.logicalName() + " With Id = " + id + " Does Not Exist");
    }

    public static ODataException notFound(String logicalName, UUID id) {
        return new ODataException(404, "0x80040217", logicalName + " With Id = " + id + " Does Not Exist");
    }

    public static ODataException keyNotFound(Table table) {
        return new ODataException(404, "0x80040217",
                "A record with the specified key values does not exist in " + table.logicalName() + " entity");
    }

    public static ODataException segmentNotFound(String segment) {
        return new ODataException(404, "0x80060888", "Resource not found for the segment '" + segment + "'.");
    }

    public static ODataException unrecognizedPath() {
        return new ODataException(400, "0x80060888", "URL was not parsed due to an ODataUnrecognizedPathException. "
                + "Resource not found for the segment provided in the URL.");
    }

    public static ODataException badRequest(String message) {
        return new ODataException(400, "0x80060888", message);
    }

    public static ODataException propertyNotFound(Table table, String property) {
        return new ODataException(400, "0x80060888", "Could not find a property named '" + property
                + "' on type '" + table.qualifiedName() + "'.");
    }

    public static ODataException unknownPayloadProperty(Table table, String property) {
        return payload(table, "Microsoft.OData.ODataException: The property '" + property
                + "' does not exist on type '" + table.qualifiedName()
                + "'. Make sure to only use property names that are defined by the type or mark the type as open type.");
    }

    public static ODataException payload(Table table, String inner) {
        return new ODataException(400, "0x80048d19", "Error identified in Payload provided by the user for Entity :'"
                + table.entitySetName() + "', For more information on this error please follow this help link "
                + HELP_LINK + "  ---->  InnerException : " + inner);
    }

    public static ODataException undeclaredProperty(String property) {
        return new ODataException(400, "0x0", "An undeclared property '" + property
                + "' which only has property annotations in the payload but no property value was found in the "
                + "payload. In OData, only declared navigation properties and declared named streams can be "
                + "represented as properties without values.");
    }

    public static ODataException lookupValueWritten() {
        return new ODataException(400, "0x80060888",
                "CRM do not support direct update of Entity Reference properties, Use Navigation properties instead.");
    }

    public static ODataException tooLong(Table table, Column column) {
        return new ODataException(400, "0x80044331", "A validation error occurred.  The length of the '"
                + column.logicalName() + "' attribute of the '" + table.logicalName()
                + "' entity exceeded the maximum allowed length of '" + column.maxLength() + "'.");
    }

    public static ODataException optionOutOfRange(Table table, Column column, Object value) {
        return new ODataException(400, "0x8004431A", "A validation error occurred. The value " + value + " of '"
                + column.logicalName() + "' on record of type '" + table.logicalName()
                + "' is outside the valid range.");
    }

    public static ODataException numberOutOfRange(Table table, Column column, Object value) {
        return new ODataException(400, "0x80044330", "A validation error occurred. The value " + value + " of '"
                + column.logicalName() + "' on record of type '" + table.logicalName()
                + "' is outside the valid range. Accepted range: " + column.minValue() + " to " + column.maxValue());
    }

    public static ODataException invalidStatus(Table table, Object status, String state, UUID id) {
        return new ODataException(400, "0x80048408", status + " is not a valid status code for state code "
                + table.schemaName() + "State." + state + " on " + table.logicalName()
                + (id == null ? "" : " with Id " + id) + ".");
    }

    public static ODataException requiredMissing(Table table, Column column) {
        return new ODataException(400, "0x80040203", "Required field '" + column.logicalName()
                + "' is missing or empty for entity '" + table.logicalName() + "'.");
    }

    public static ODataException duplicateRecord() {
        return new ODataException(412, "0x80040237", "Operation failed due to a SQL integrity violation.");
    }

    public static ODataException matchingKeyExists() {
        return new ODataException(412, "0x80040237", "A record with matching key values already exists.");
    }

    public static ODataException duplicateKey(Table table, String keyName, String columns) {
        return new ODataException(412, "0x80060892", "Entity Key " + keyName + " violated. A record with the same "
                + "value for " + columns + " already exists. A duplicate record cannot be created. Select one or "
                + "more unique values and try again.");
    }

    public static ODataException versionMismatch() {
        return new ODataException(412, "", "The version of the existing record doesn't match the RowVersion "
                + "property provided.");
    }

    public static ODataException invalidKey(Table table) {
        return new ODataException(400, "0x80060888", "The key in the request URI is not valid for resource '"
                + table.qualifiedName() + "'. Ensure that the names and number of key properties match the declared "
                + "or alternate key properties for the resource '" + table.qualifiedName() + "'.");
    }

    public static ODataException unsupportedQueryOption(String option) {
        return new ODataException(400, "0x80060888", "The query parameter " + option + " is not supported");
    }

    public static ODataException trackingRefuses(String option) {
        return new ODataException(400, "0x80060888", "The \"" + option
                + "\" query parameter isn't supported when Change Tracking is enabled.");
    }

    public static ODataException methodNotAllowed(String method) {
        return new ODataException(405, "0x80060888", "The HTTP method '" + method
                + "' is not allowed for this resource.");
    }

    public static ODataException bulkNotSupported(String message, Table table) {
        return new ODataException(400, "0x80040315", "The '" + message + "' method does not support entities of type '"
                + table.logicalName() + "'. MessageProcessorCache returned MessageProcessor.Empty.");
    }

    public static ODataException notSupported(String message) {
        return new ODataException(400, "0x80040315", message);
    }

    public static ODataException cannotDelete(Table table, String relationship) {
        return new ODataException(405, "", "CannotDeleteDueToAssociation: The object you tried to delete is "
                + "associated with another object and cannot be deleted (" + table.logicalName()
                + " is referenced through " + relationship + ").");
    }

    public static ODataException expandRefOnCollection() {
        return new ODataException(400, "0x80060888",
                "Expand with $ref is only supported on lookup type navigation property.");
    }
}
