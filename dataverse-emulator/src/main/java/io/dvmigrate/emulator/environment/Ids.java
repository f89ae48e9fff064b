package io.dvmigrate.emulator.environment;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic ids: the same parts always give the same GUID, so seeded data and tests can rely on them. */
public final class Ids {
    private Ids() {
    }

    public static UUID of(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("/", parts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code index}-th id of a generated table: a fixed prefix per (seed, table) and the index as the low bits,
     * so generated ids sort in creation order like Dataverse's sequential GUIDs and cost nothing to make.
     */
    public static UUID sequential(String seed, String table, long index) {
        UUID prefix = of("sequential", seed, table);
        long high = (prefix.getMostSignificantBits() & ~0xF000L) | 0x1000L;
        long low = (0x8000_0000_0000_0000L | (prefix.getLeastSignificantBits() & 0x3FFF_0000_0000_0000L)) + index;
        return new UUID(high, low);
    }
}
