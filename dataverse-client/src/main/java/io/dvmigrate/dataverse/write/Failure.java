package io.dvmigrate.dataverse.write;

import io.dvmigrate.dataverse.error.DataverseError;

/**
 * An item that Dataverse refused, with the reason.
 *
 * @param index the item's position in the list that was written
 */
public record Failure<T>(int index, T item, DataverseError error) {
}
