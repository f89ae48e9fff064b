package io.dvmigrate.contracts;

import java.util.List;

/**
 * How a source row finds its target row: by keeping the source's primary id, or by an alternate key of the target.
 *
 * @param keyName    the alternate key's logical name when matching by key
 * @param keyColumns the key's columns in the target, in key order
 */
public record Match(Kind kind, String keyName, List<String> keyColumns) {
    public enum Kind { ID, KEY }

    public Match {
        keyColumns = keyColumns == null ? List.of() : List.copyOf(keyColumns);
    }

    public static Match byId() {
        return new Match(Kind.ID, null, List.of());
    }

    public static Match byKey(String keyName, List<String> keyColumns) {
        return new Match(Kind.KEY, keyName, keyColumns);
    }

    public boolean isKey() {
        return kind == Kind.KEY;
    }
}
