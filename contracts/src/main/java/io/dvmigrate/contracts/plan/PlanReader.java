package io.dvmigrate.contracts.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dvmigrate.contracts.plan.Plan.Columns;
import io.dvmigrate.contracts.plan.Plan.Environment;
import io.dvmigrate.contracts.plan.Plan.ManyToMany;
import io.dvmigrate.contracts.plan.Plan.Table;
import io.dvmigrate.contracts.plan.Plan.TableMode;
import io.dvmigrate.contracts.plan.Plan.UserMatch;
import io.dvmigrate.contracts.plan.Plan.Users;
import io.dvmigrate.contracts.plan.Plan.Write;
import io.dvmigrate.contracts.plan.Plan.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a plan from YAML and checks its shape: required fields, types, allowed values, unknown fields, secret
 * references. Every mistake is collected and reported at once, each with its path in the file. Whether tables and
 * columns exist is checked later, against the environments' metadata.
 */
public final class PlanReader {
    public static final int MAX_CHUNK_ROWS = 5000;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
    private static final Pattern SECRET_REFERENCE = Pattern.compile("^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$");

    private final List<PlanError> errors = new ArrayList<>();

    private PlanReader() {
    }

    public static Plan read(Path file) {
        try {
            return read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plan " + file + ": " + e.getMessage(), e);
        }
    }

    /** The plan, or {@link InvalidPlanException} with every mistake found. */
    public static Plan read(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidPlanException(List.of(new PlanError("", "malformed YAML" + where + ": " + e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidPlanException(List.of(new PlanError("", "the plan is empty")));
        }
        PlanReader reader = new PlanReader();
        Plan plan = reader.plan(root);
        if (!reader.errors.isEmpty()) {
            throw new InvalidPlanException(reader.errors);
        }
        return plan;
    }

    private Plan plan(JsonNode root) {
        if (!expectObject(root, "", "the plan")) {
            return null;
        }
        allowOnly(root, "", "name", "source", "target", "tables", "manyToMany", "users", "write", "refresh");
        String name = text(root, "", "name", false);
        Environment source = environment(root.get("source"), "source");
        Environment target = environment(root.get("target"), "target");
        List<Table> tables = tables(root.get("tables"));
        return new Plan(name == null ? "migration" : name, source, target, tables,
                manyToMany(root.get("manyToMany")), users(root.get("users")), write(root.get("write")),
                refresh(root.get("refresh")));
    }

    private Environment environment(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            error(path, "required: the " + path + " environment (a registered environment's name, or url, tenant, "
                    + "clientId and secret, or emulated)");
            return null;
        }
        if (node.isTextual()) {
            return new Environment(node.textValue(), null, null, null, null, null, null, null, List.of());
        }
        if (!expectObject(node, path, "an environment")) {
            return null;
        }
        allowOnly(node, path, "url", "tenant", "clientId", "secret", "authority", "trustCertificate", "emulated",
                "applicationUsers");
        String url = text(node, path, "url", false);
        String emulated = text(node, path, "emulated", false);
        if ((url == null) == (emulated == null)) {
            error(path, url == null ? "needs either url (a Dataverse environment) or emulated (an emulator SPEC)"
                    : "has both url and emulated: choose one");
        }
        String tenant = null;
        String clientId = null;
        String secret = null;
        if (url != null) {
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                error(path + ".url", "must be an http(s) URL such as https://contoso.crm4.dynamics.com, not '" + url + "'");
            }
            tenant = text(node, path, "tenant", true);
            clientId = text(node, path, "clientId", true);
            secret = secretReference(node, path, true);
        }
        String authority = text(node, path, "authority", false);
        if (authority != null && !authority.startsWith("https://")) {
            error(path + ".authority", "must be an https URL (the identity provider), not '" + authority + "'");
        }
        List<Plan.ApplicationUser> users = new ArrayList<>();
        JsonNode extra = node.get("applicationUsers");
        if (extra != null && expectArray(extra, path + ".applicationUsers")) {
            for (int i = 0; i < extra.size(); i++) {
                String at = path + ".applicationUsers[" + i + "]";
                if (expectObject(extra.get(i), at, "an application user")) {
                    allowOnly(extra.get(i), at, "clientId", "secret");
                    users.add(new Plan.ApplicationUser(text(extra.get(i), at, "clientId", true),
                            secretReference(extra.get(i), at, true)));
                }
            }
        }
        return new Environment(null, url, tenant, clientId, secret, authority,
                text(node, path, "trustCertificate", false), emulated, users);
    }

    private String secretReference(JsonNode node, String path, boolean required) {
        JsonNode value = node.get("secret");
        if (value == null || value.isNull()) {
            if (required) {
                error(path + ".secret", "required: a secret reference, env:VARIABLE or file:PATH");
            }
            return null;
        }
        if (!value.isTextual() || !SECRET_REFERENCE.matcher(value.textValue()).matches()) {
            // never echo the value: it may be the secret itself
            error(path + ".secret", "must be a secret reference (env:VARIABLE or file:PATH), never the secret itself");
            return null;
        }
        return value.textValue();
    }

    private List<Table> tables(JsonNode node) {
        List<Table> tables = new ArrayList<>();
        if (node == null || node.isNull()) {
            error("tables", "required: the tables to migrate");
            return tables;
        }
        if (!expectArray(node, "tables")) {
            return tables;
        }
        if (node.isEmpty()) {
            error("tables", "lists no table");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "tables[" + i + "]";
            Table table = table(node.get(i), path);
            if (table == null) {
                continue;
            }
            if (!seen.add(table.table())) {
                error(path + ".table", "table '" + table.table() + "' is listed twice");
            }
            tables.add(table);
        }
        return tables;
    }

    private Table table(JsonNode node, String path) {
        if (node.isTextual()) {
            return new Table(node.textValue(), TableMode.EXISTING, null, Columns.auto(), null, Map.of(), Map.of(), false);
        }
        if (!expectObject(node, path, "a table (its logical name, or an object with table: ...)")) {
            return null;
        }
        allowOnly(node, path, "table", "mode", "match", "columns", "filter", "values", "defaults", "deleteMissing");
        String name = text(node, path, "table", true);
        if (name == null) {
            return null;
        }
        TableMode mode = enumValue(node, path, "mode", TableMode.class, TableMode.EXISTING);
        return new Table(name, mode, match(node.get("match"), path + ".match"), columns(node.get("columns"),
                path + ".columns"), text(node, path, "filter", false), values(node.get("values"), path + ".values"),
                defaults(node.get("defaults"), path + ".defaults"), bool(node, path, "deleteMissing", false));
    }

    /** {@code id} (or absent) → null; {@code {key: name}} → the key's name. */
    private String match(JsonNode node, String path) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().equals("id"))) {
            return null;
        }
        if (node.isObject()) {
            allowOnly(node, path, "key");
            return text(node, path, "key", true);
        }
        error(path, "must be id, or key: <alternate key name>");
        return null;
    }

    private Columns columns(JsonNode node, String path) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().equals("auto"))) {
            return Columns.auto();
        }
        if (!node.isObject()) {
            error(path, "must be auto, or an object with include, exclude and rename");
            return Columns.auto();
        }
        allowOnly(node, path, "include", "exclude", "rename");
        Map<String, String> rename = new LinkedHashMap<>();
        JsonNode renames = node.get("rename");
        if (renames != null && expectObject(renames, path + ".rename", "source column: target column pairs")) {
            renames.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    rename.put(e.getKey(), e.getValue().textValue());
                } else {
                    error(path + ".rename." + e.getKey(), "must name the target column");
                }
            });
        }
        return new Columns(names(node.get("include"), path + ".include"), names(node.get("exclude"), path + ".exclude"),
                rename);
    }

    private Map<String, Map<Integer, Integer>> values(JsonNode node, String path) {
        Map<String, Map<Integer, Integer>> values = new LinkedHashMap<>();
        if (node == null || node.isNull() || !expectObject(node, path, "column: {source value: target value}")) {
            return values;
        }
        node.fields().forEachRemaining(column -> {
            String at = path + "." + column.getKey();
            Map<Integer, Integer> map = new LinkedHashMap<>();
            if (expectObject(column.getValue(), at, "source value: target value pairs")) {
                column.getValue().fields().forEachRemaining(pair -> {
                    Integer from = parseInt(pair.getKey());
                    if (from == null) {
                        error(at + "." + pair.getKey(), "an option value must be a whole number");
                    } else if (!pair.getValue().canConvertToInt() || !pair.getValue().isIntegralNumber()) {
                        error(at + "." + pair.getKey(), "must map to a whole number (the target's option value)");
                    } else {
                        map.put(from, pair.getValue().intValue());
                    }
                });
            }
            values.put(column.getKey(), map);
        });
        return values;
    }

    private Map<String, JsonNode> defaults(JsonNode node, String path) {
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        if (node == null || node.isNull() || !expectObject(node, path, "target column: value pairs")) {
            return defaults;
        }
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isContainerNode()) {
                error(path + "." + e.getKey(), "a default must be a single value (text, number, true/false)");
            } else {
                defaults.put(e.getKey(), e.getValue());
            }
        });
        return defaults;
    }

    private ManyToMany manyToMany(JsonNode node) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().equals("auto"))) {
            return new ManyToMany(ManyToMany.Selection.AUTO, List.of());
        }
        if (node.isTextual() && node.textValue().equals("none")) {
            return new ManyToMany(ManyToMany.Selection.NONE, List.of());
        }
        if (node.isArray()) {
            return new ManyToMany(ManyToMany.Selection.LISTED, names(node, "manyToMany"));
        }
        error("manyToMany", "must be auto, none, or a list of relationship schema names");
        return new ManyToMany(ManyToMany.Selection.AUTO, List.of());
    }

    private Users users(JsonNode node) {
        if (node == null || node.isNull()) {
            return new Users(UserMatch.DOMAINNAME, Map.of(), null);
        }
        if (!expectObject(node, "users", "user mapping")) {
            return new Users(UserMatch.DOMAINNAME, Map.of(), null);
        }
        allowOnly(node, "users", "match", "map", "fallbackOwner");
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode pairs = node.get("map");
        if (pairs != null && expectObject(pairs, "users.map", "source user: target user pairs")) {
            pairs.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    map.put(e.getKey(), e.getValue().textValue());
                } else {
                    error("users.map." + e.getKey(), "must name the target user (id, domain name or email)");
                }
            });
        }
        return new Users(enumValue(node, "users", "match", UserMatch.class, UserMatch.DOMAINNAME), map,
                text(node, "users", "fallbackOwner", false));
    }

    private Write write(JsonNode node) {
        if (node == null || node.isNull()) {
            return new Write(WriteMode.AUTO, 500, false, false, 0);
        }
        if (!expectObject(node, "write", "write options")) {
            return new Write(WriteMode.AUTO, 500, false, false, 0);
        }
        allowOnly(node, "write", "mode", "chunkSize", "bypassPlugins", "bypassFlows", "maxParallelism");
        return new Write(enumValue(node, "write", "mode", WriteMode.class, WriteMode.AUTO),
                integer(node, "write", "chunkSize", 500, 1, MAX_CHUNK_ROWS),
                bool(node, "write", "bypassPlugins", false), bool(node, "write", "bypassFlows", false),
                integer(node, "write", "maxParallelism", 0, 0, 1000));
    }

    private String refresh(JsonNode node) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().equals("manual"))) {
            return null;
        }
        if (node.isObject()) {
            allowOnly(node, "refresh", "cron");
            return text(node, "refresh", "cron", true);
        }
        error("refresh", "must be manual, or cron: <schedule>");
        return null;
    }

    // --- small typed accessors that record what is wrong instead of throwing ---

    private List<String> names(JsonNode node, String path) {
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull() || !expectArray(node, path)) {
            return names;
        }
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isTextual()) {
                names.add(node.get(i).textValue());
            } else {
                error(path + "[" + i + "]", "must be a name");
            }
        }
        return names;
    }

    private String text(JsonNode node, String path, String field, boolean required) {
        JsonNode value = node.get(field);
        String at = path.isEmpty() ? field : path + "." + field;
        if (value == null || value.isNull()) {
            if (required) {
                error(at, "required");
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            error(at, "must be a non-empty text");
            return null;
        }
        return value.textValue();
    }

    private boolean bool(JsonNode node, String path, String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            error(path + "." + field, "must be true or false");
            return fallback;
        }
        return value.booleanValue();
    }

    private int integer(JsonNode node, String path, String field, int fallback, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.intValue() < min || value.intValue() > max) {
            error(path + "." + field, "must be a whole number from " + min + " to " + max);
            return fallback;
        }
        return value.intValue();
    }

    /** Enum values are written in kebab case in the plan: {@code upsert-multiple} is UPSERT_MULTIPLE. */
    private <E extends Enum<E>> E enumValue(JsonNode node, String path, String field, Class<E> type, E fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isTextual()) {
            String constant = value.textValue().trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E candidate : type.getEnumConstants()) {
                if (candidate.name().equals(constant)) {
                    return candidate;
                }
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E candidate : type.getEnumConstants()) {
            allowed.add(candidate.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        error(path + "." + field, "must be one of " + String.join(", ", allowed) + ", not '" + value.asText() + "'");
        return fallback;
    }

    private boolean expectObject(JsonNode node, String path, String what) {
        if (node.getNodeType() != JsonNodeType.OBJECT) {
            error(path, "must be " + what);
            return false;
        }
        return true;
    }

    private boolean expectArray(JsonNode node, String path) {
        if (!node.isArray()) {
            error(path, "must be a list");
            return false;
        }
        return true;
    }

    private void allowOnly(JsonNode node, String path, String... fields) {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String suggestion = closest(name, fields);
                error(path.isEmpty() ? name : path + "." + name, "unknown field"
                        + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
            }
        }
    }

    private static String closest(String name, String[] candidates) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : candidates) {
            int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Integer parseInt(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void error(String path, String message) {
        errors.add(new PlanError(path, message));
    }
}
