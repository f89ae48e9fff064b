package io.dvmigrate.emulator.data;

import java.util.UUID;

/** A deleted row, kept so change tracking can report it: its id and the version at which it was deleted. */
public record Tombstone(UUID id, long version) {
}
