package io.dvmigrate.pipeline.transform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.RowIdentity;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.ColumnRule;
import io.dvmigrate.contracts.TableJob.LookupRule;
import io.dvmigrate.contracts.TableJob.LookupTarget;
import io.dvmigrate.contracts.TableJob.Principal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one source row into the target's JSON wire form, as the table job says: the row's identity, its columns
 * (renamed, option values mapped), defaults, and each lookup as an {@code @odata.bind} to the right (case-sensitive,
 * per-target for polymorphic lookups) navigation property, by id or by alternate key. Nothing the job does not name
 * is written, so read-only and system columns never reach the target.
 */
public final class RowMapper {
    private static final String LOOKUP_TABLE_ANNOTATION = "@Microsoft.Dynamics.CRM.lookuplogicalname";
    /** Tables whose rows each tenant has of its own: mapped to the target's rows, never migrated. */
    private static final java.util.Set<String> MAPPED_TABLES = java.util.Set.of("systemuser", "team", "businessunit",
            "transactioncurrency");

    private final TableJob job;
    private final List<LookupColumns> lookups;

    public RowMapper(TableJob job) {
        this.job = job;
        this.lookups = job.lookups().stream().map(LookupColumns::of).toList();
    }

    /** The columns a lookup reads from each source row, named once per chunk rather than once per row. */
    private record LookupColumns(LookupRule rule, String value, String table, boolean onlyPrincipals) {
        static LookupColumns of(LookupRule rule) {
            String value = "_" + rule.source() + "_value";
            return new LookupColumns(rule, value, value + LOOKUP_TABLE_ANNOTATION,
                    rule.targets().stream().allMatch(t -> MAPPED_TABLES.contains(t.table())));
        }
    }

    /** Writes the mapped row as one JSON object to {@code out}. Rejects the row before writing anything. */
    public void map(JsonNode source, JsonGenerator out) throws IOException, RowRejected {
        String identity = RowIdentity.ofSourceRow(job, source);
        if (identity == null) {
            throw new RowRejected(job.match().isKey()
                    ? "a value of alternate key '" + job.match().keyName() + "' (" + job.match().keyColumns() + ") is empty"
                    : "primary id '" + job.sourcePrimaryId() + "' is empty");
        }
        List<Bind> binds = resolveLookups(source);

        out.writeStartObject();
        if (job.match().isKey()) {
            out.writeStringField("@odata.id", job.targetEntitySet() + "(" + identity + ")");
        } else {
            out.writeStringField(job.targetPrimaryId(), identity);
        }
        for (ColumnRule rule : job.columns()) {
            JsonNode value = source.get(rule.source());
            if (value == null) {
                continue;
            }
            out.writeFieldName(rule.target());
            writeValue(mapOption(rule, value), out);
        }
        for (Map.Entry<String, JsonNode> fallback : job.defaults().entrySet()) {
            JsonNode value = source.get(sourceColumnOf(fallback.getKey()));
            if (value == null || value.isNull()) {
                out.writeFieldName(fallback.getKey());
                writeValue(fallback.getValue(), out);
            }
        }
        for (Bind bind : binds) {
            if (bind.path() == null) {
                out.writeNullField(bind.navigationProperty() + "@odata.bind");
            } else {
                out.writeStringField(bind.navigationProperty() + "@odata.bind", bind.path());
            }
        }
        out.writeEndObject();
    }

    /**
     * Writes a column's value as it came. Scalars go straight to the generator: {@code ObjectMapper.writeTree} sets up
     * a serializer provider for every value, and a bench copy writes 3 million of them (docs/PERFORMANCE.md).
     */
    static void writeValue(JsonNode value, JsonGenerator out) throws IOException {
        switch (value.getNodeType()) {
            case STRING -> out.writeString(value.textValue());
            case NUMBER -> ((NumericNode) value).serialize(out, null); // writeNumber of the parsed type, provider unused
            case BOOLEAN -> out.writeBoolean(value.booleanValue());
            case NULL -> out.writeNull();
            default -> Json.MAPPER.writeTree(out, value);
        }
    }

    /** The source row's name in the ledger and in dead letters. */
    public String nameOf(JsonNode source) {
        return RowIdentity.nameOfSourceRow(job, source);
    }

    private JsonNode mapOption(ColumnRule rule, JsonNode value) {
        if (rule.options().isEmpty() || !value.canConvertToInt()) {
            return value;
        }
        Integer mapped = rule.options().get(value.intValue());
        return mapped == null ? value : Json.MAPPER.getNodeFactory().numberNode(mapped);
    }

    private String sourceColumnOf(String targetColumn) {
        for (ColumnRule rule : job.columns()) {
            if (rule.target().equals(targetColumn)) {
                return rule.source();
            }
        }
        return targetColumn;
    }

    private record Bind(String navigationProperty, String path) {
    }

    private List<Bind> resolveLookups(JsonNode source) throws RowRejected {
        List<Bind> binds = new ArrayList<>(lookups.size());
        for (LookupColumns lookup : lookups) {
            LookupRule rule = lookup.rule();
            JsonNode id = source.get(lookup.value());
            if (id == null) {
                continue;
            }
            if (id.isNull()) {
                if (!rule.targets().isEmpty()) {
                    binds.add(new Bind(rule.targets().get(0).navigationProperty(), null));
                }
                continue;
            }
            binds.add(pointsToPrincipal(lookup, source) ? principalBind(rule, id.asText())
                    : recordBind(lookup, source, id.asText()));
        }
        return binds;
    }

    /**
     * Whether this row's lookup points to a user or team (mapped to the target's) rather than to a migrated row: always
     * for owner and user lookups, and for polymorphic lookups when the row says the user or team table.
     */
    private static boolean pointsToPrincipal(LookupColumns lookup, JsonNode source) {
        if (lookup.rule().principals() == null) {
            return false;
        }
        if (lookup.onlyPrincipals()) {
            return true;
        }
        JsonNode table = source.get(lookup.table());
        return table != null && MAPPED_TABLES.contains(table.asText());
    }

    private Bind principalBind(LookupRule rule, String sourceId) throws RowRejected {
        Principal principal = rule.principals().principals().get(sourceId);
        if (principal == null) {
            principal = rule.principals().fallback();
        }
        if (principal == null) {
            String table = rule.targets().stream().map(LookupTarget::table).filter(MAPPED_TABLES::contains)
                    .distinct().reduce((a, b) -> a + " or " + b).orElse("row");
            throw new RowRejected("column '" + rule.source() + "': " + table + " " + sourceId
                    + " has no counterpart in the target" + (table.contains("systemuser") || table.contains("team")
                    ? " and the plan names no fallback owner" : ""));
        }
        LookupTarget target = targetFor(rule, principal.table());
        if (target == null) {
            throw new RowRejected("column '" + rule.source() + "' cannot point to a " + principal.table());
        }
        return new Bind(target.navigationProperty(), "/" + principal.entitySet() + "(" + principal.id() + ")");
    }

    private Bind recordBind(LookupColumns lookup, JsonNode source, String id) throws RowRejected {
        LookupRule rule = lookup.rule();
        LookupTarget target = pickTarget(lookup, source);
        if (target.key() == null) {
            return new Bind(target.navigationProperty(), "/" + target.entitySet() + "(" + id + ")");
        }
        JsonNode parent = source.get(target.sourceNavigation());
        if (parent == null || !parent.isObject()) {
            throw new RowRejected("column '" + rule.source() + "': the " + target.table() + " " + id
                    + " it points to could not be read to take its key values");
        }
        List<JsonNode> values = new ArrayList<>();
        for (String column : target.key().sourceColumns()) {
            JsonNode value = parent.get(column);
            if (value == null || value.isNull()) {
                throw new RowRejected("column '" + rule.source() + "': the " + target.table() + " " + id
                        + " it points to has no value for key column '" + column + "'");
            }
            values.add(value);
        }
        return new Bind(target.navigationProperty(), "/" + target.entitySet() + "("
                + RowIdentity.keyPredicate(target.key().targetColumns(), values) + ")");
    }

    private LookupTarget pickTarget(LookupColumns lookup, JsonNode source) throws RowRejected {
        LookupRule rule = lookup.rule();
        JsonNode table = source.get(lookup.table());
        if (table == null || table.isNull()) {
            if (rule.targets().size() == 1) {
                return rule.targets().get(0);
            }
            throw new RowRejected("column '" + rule.source() + "' is polymorphic and the source row does not say"
                    + " which table it points to (lookuplogicalname annotation missing)");
        }
        LookupTarget target = targetFor(rule, table.asText());
        if (target == null) {
            throw new RowRejected("column '" + rule.source() + "' points to a " + table.asText()
                    + ", which the plan does not bind (it binds " + rule.targets().stream().map(LookupTarget::table).toList() + ")");
        }
        return target;
    }

    private static LookupTarget targetFor(LookupRule rule, String table) {
        for (LookupTarget target : rule.targets()) {
            if (target.table().equals(table)) {
                return target;
            }
        }
        return null;
    }
}
