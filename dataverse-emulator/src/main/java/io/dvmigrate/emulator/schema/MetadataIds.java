package io.dvmigrate.emulator.schema;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic MetadataIds, so the same schema always describes itself with the same ids. */
public final class MetadataIds {
    private MetadataIds() {
    }

    public static UUID of(String... parts) {
        return UUID.nameUUIDFromBytes(("metadata/" + String.join("/", parts)).getBytes(StandardCharsets.UTF_8));
    }
}
