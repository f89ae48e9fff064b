package io.dvmigrate.dataverse.write;

import io.dvmigrate.dataverse.read.QueryEncoding;

import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * How a URL names one row: its primary id ({@code accounts(00000000-…)}) or an alternate key
 * ({@code accounts(accountnumber='A-1')}, {@code contacts(firstname='Joe',emailaddress1='joe@example.com')}).
 */
public record RowKey(String segment) {

    public static RowKey id(String id) {
        return new RowKey(UUID.fromString(id).toString());
    }

    public static RowKey id(UUID id) {
        return new RowKey(id.toString());
    }

    /** An alternate key; text values are quoted (with {@code '} doubled), numbers and booleans are not. */
    public static RowKey alternate(Map<String, ?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an alternate key needs at least one column value");
        }
        StringJoiner parts = new StringJoiner(",");
        values.forEach((column, value) -> parts.add(column + "=" + literal(value)));
        return new RowKey(parts.toString());
    }

    /** The path of the row under the service root, for example {@code accounts(accountnumber='A-1')}. */
    public String path(String entitySet) {
        return entitySet + "(" + QueryEncoding.value(segment) + ")";
    }

    private static String literal(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "'" + String.valueOf(value).replace("'", "''") + "'";
    }
}
