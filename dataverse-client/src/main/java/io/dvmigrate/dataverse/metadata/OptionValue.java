package io.dvmigrate.dataverse.metadata;

import java.util.Optional;

/**
 * One value of a choice column (picklist, state, status, multi-select, two-option).
 *
 * @param state         for a status value: the state it belongs to
 * @param defaultStatus for a state value: the status Dataverse sets when only the state is given
 */
public record OptionValue(int value, String label, Optional<Integer> state, Optional<Integer> defaultStatus) {
}
