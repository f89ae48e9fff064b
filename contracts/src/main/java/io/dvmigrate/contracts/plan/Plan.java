package io.dvmigrate.contracts.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A migration plan as the user writes it (YAML, schema in {@code docs/plan.schema.json}): two environments, the
 * tables and how each is matched and mapped, many-to-many relationships, user mapping, write options and refresh.
 * {@link PlanReader} builds it and reports every mistake at once, each with its path in the file.
 */
public record Plan(
        String name,
        Environment source,
        Environment target,
        List<Table> tables,
        ManyToMany manyToMany,
        Users users,
        Write write,
        String refreshCron) {

    public Plan {
        tables = List.copyOf(tables);
    }

    /** The tables the plan migrates ({@link TableMode#SKIP} excluded). */
    public List<Table> migratedTables() {
        return tables.stream().filter(t -> t.mode() != TableMode.SKIP).toList();
    }

    /**
     * An environment: a registered one by name ({@code registered}), or inline. Inline ones have a service root
     * {@code url} (with tenant, client id and a secret reference) or, for local rehearsals, {@code emulated} (an
     * emulator SPEC such as {@code demo-schema} or {@code cmt:path/to/package.zip}) that the CLI turns into a URL.
     */
    public record Environment(
            String registered,
            String url,
            String tenant,
            String clientId,
            String secret,
            String authority,
            String trustCertificate,
            String emulated,
            List<ApplicationUser> applicationUsers) {

        public Environment {
            applicationUsers = applicationUsers == null ? List.of() : List.copyOf(applicationUsers);
        }

        public boolean isEmulated() {
            return emulated != null;
        }
    }

    /** An additional application user of an environment, to spread the load over. */
    public record ApplicationUser(String clientId, String secret) {
    }

    /**
     * One table.
     *
     * @param table         logical name
     * @param mode          existing table, new table, or skipped
     * @param keyName       null to match by primary id; else the target alternate key to match by
     * @param columns       which columns and how they are renamed
     * @param filter        an OData $filter on the source, or null
     * @param values        per source column: option value → target option value
     * @param defaults      target column → value when the source has none
     * @param deleteMissing delete target rows whose id or key is not in the source
     */
    public record Table(
            String table,
            TableMode mode,
            String keyName,
            Columns columns,
            String filter,
            Map<String, Map<Integer, Integer>> values,
            Map<String, JsonNode> defaults,
            boolean deleteMissing) {

        public Table {
            values = values == null ? Map.of() : Map.copyOf(values);
            defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
        }

        public boolean matchesByKey() {
            return keyName != null;
        }
    }

    public enum TableMode { EXISTING, CREATE, SKIP }

    /**
     * Column selection: every column both tables share ({@code include} empty), or only {@code include}; minus
     * {@code exclude}; {@code rename} maps source column → target column.
     */
    public record Columns(List<String> include, List<String> exclude, Map<String, String> rename) {
        public Columns {
            include = include == null ? List.of() : List.copyOf(include);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
            rename = rename == null ? Map.of() : Map.copyOf(rename);
        }

        public static Columns auto() {
            return new Columns(List.of(), List.of(), Map.of());
        }

        public boolean isAuto() {
            return include.isEmpty();
        }
    }

    /** Many-to-many relationships: all between migrated tables ({@code auto}), none, or the named ones. */
    public record ManyToMany(Selection selection, List<String> relationships) {
        public enum Selection { AUTO, NONE, LISTED }

        public ManyToMany {
            relationships = relationships == null ? List.of() : List.copyOf(relationships);
        }
    }

    /**
     * How source users and teams map to the target's: explicit pairs first (by id, domain name or email), then
     * {@code match}, then the fallback owner; rows whose owner has none of these are dead-lettered.
     */
    public record Users(UserMatch match, Map<String, String> map, String fallbackOwner) {
        public Users {
            map = map == null ? Map.of() : Map.copyOf(map);
        }
    }

    public enum UserMatch { DOMAINNAME, EMAIL, NONE }

    /** How the loader writes. */
    public record Write(WriteMode mode, int chunkSize, boolean bypassPlugins, boolean bypassFlows, int maxParallelism) {
    }

    public enum WriteMode { AUTO, UPSERT_MULTIPLE, BATCH, SINGLE }
}
