package io.dvmigrate.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The identity of a row as every stage names it: the primary id when a table is matched by id, the target's key
 * predicate ({@code accountnumber='A-1'}) when it is matched by alternate key. The ledger, dead letters and the verify
 * pass all use this form, and the key form is exactly what goes between the parentheses of a key URL.
 */
public final class RowIdentity {
    private RowIdentity() {
    }

    /** The identity of a source row, as its target row will have it; null when the row lacks an identity value. */
    public static String ofSourceRow(TableJob job, JsonNode row) {
        if (!job.match().isKey()) {
            return text(row.get(job.sourcePrimaryId()));
        }
        List<String> targetColumns = job.match().keyColumns();
        StringBuilder predicate = new StringBuilder();
        for (String targetColumn : targetColumns) {
            JsonNode value = row.get(sourceColumnOf(job, targetColumn));
            if (value == null || value.isNull()) {
                return null;
            }
            appendPart(predicate, targetColumn, value);
        }
        return predicate.toString();
    }

    /**
     * The identity of a source row, or when it has none (an empty key value) its source primary id as
     * {@code <primary id column>=<id>}: every row can be named in the ledger and in dead letters.
     */
    public static String nameOfSourceRow(TableJob job, JsonNode row) {
        String identity = ofSourceRow(job, row);
        return identity != null ? identity : job.sourcePrimaryId() + "=" + text(row.get(job.sourcePrimaryId()));
    }

    /** The identity of a row read from the target (its id, or its key columns). */
    public static String ofTargetRow(TableJob job, JsonNode row) {
        if (!job.match().isKey()) {
            return text(row.get(job.targetPrimaryId()));
        }
        StringBuilder predicate = new StringBuilder();
        for (String column : job.match().keyColumns()) {
            JsonNode value = row.get(column);
            if (value == null || value.isNull()) {
                return null;
            }
            appendPart(predicate, column, value);
        }
        return predicate.toString();
    }

    /**
     * The identity of a row in the target's wire form, as the transformer wrote it: its primary id, or the key
     * predicate inside its {@code @odata.id}.
     */
    public static String ofMappedRow(TableJob job, JsonNode row) {
        if (!job.match().isKey()) {
            return text(row.get(job.targetPrimaryId()));
        }
        String address = text(row.get("@odata.id"));
        if (address == null) {
            return null;
        }
        int open = address.indexOf('(');
        return open < 0 || !address.endsWith(")") ? null : address.substring(open + 1, address.length() - 1);
    }

    /** {@code a='x',b=2} for the given columns and values, in order. */
    public static String keyPredicate(List<String> columns, List<JsonNode> values) {
        StringBuilder predicate = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            appendPart(predicate, columns.get(i), values.get(i));
        }
        return predicate.toString();
    }

    /** An OData literal: strings in single quotes (quotes doubled), numbers and booleans as they are. */
    public static String literal(JsonNode value) {
        if (value.isTextual()) {
            return "'" + value.textValue().replace("'", "''") + "'";
        }
        return value.asText();
    }

    private static void appendPart(StringBuilder predicate, String column, JsonNode value) {
        if (!predicate.isEmpty()) {
            predicate.append(',');
        }
        predicate.append(column).append('=').append(literal(value));
    }

    private static String sourceColumnOf(TableJob job, String targetColumn) {
        for (TableJob.ColumnRule rule : job.columns()) {
            if (rule.target().equals(targetColumn)) {
                return rule.source();
            }
        }
        return targetColumn;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }
}
