package io.dvmigrate.emulator.data;

import java.util.UUID;

/** The stored value of a lookup column: the target table's logical name and the row's id. */
public record Ref(String table, UUID id) {
}
