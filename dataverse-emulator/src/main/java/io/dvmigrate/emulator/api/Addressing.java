package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Values;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.odata.Errors;
import io.dvmigrate.emulator.odata.KeyPredicate;
import io.dvmigrate.emulator.odata.ODataException;
import io.dvmigrate.emulator.odata.ResourcePath;
import io.dvmigrate.emulator.schema.AlternateKey;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Table;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Turns entity sets, keys and record URLs ({@code /accounts(…)}, absolute, or {@code $1}) into tables and rows. */
final class Addressing {
    private static final Pattern SERVICE_ROOT = Pattern.compile("^.*?/api/data/v9\\.[0-2]/");
    private static final Set<String> PRINCIPALS = Set.of("systemuser", "team");

    private final Environment environment;
    private final Map<String, KeyLookup> parsed = new java.util.HashMap<>();

    Addressing(Environment environment) {
        this.environment = environment;
    }

    Table tableBySet(String entitySet) {
        return environment.schema().tableBySet(entitySet).orElseThrow(() -> Errors.segmentNotFound(entitySet));
    }

    /** Parses the key of {@code table(<text>)}. */
    KeyLookup key(Table table, String text) {
        KeyPredicate predicate = KeyPredicate.parse(text);
        if (predicate.isSingle()) {
            if (!(predicate.single() instanceof UUID id)) {
                throw Errors.invalidKey(table);
            }
            return new KeyLookup(table, id, null, Map.of(), id.toString());
        }
        Map<String, Object> named = predicate.named();
        if (named.size() == 1 && named.containsKey(table.primaryIdAttribute())) {
            // systemuser and team inherit their key (ownerid) from principal: /systemusers(systemuserid=…) fails
            if (!(named.get(table.primaryIdAttribute()) instanceof UUID id) || PRINCIPALS.contains(table.logicalName())) {
                throw Errors.invalidKey(table);
            }
            return new KeyLookup(table, id, null, Map.of(), text);
        }
        Set<String> names = new HashSet<>();
        Map<Column, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> part : named.entrySet()) {
            Column column = keyColumn(table, part.getKey());
            names.add(column.logicalName());
            values.put(column, typed(table, column, part.getValue()));
        }
        for (AlternateKey key : table.keys()) {
            if (key.isActive() && new HashSet<>(key.columns()).equals(names)) {
                return new KeyLookup(table, null, key, values, text);
            }
        }
        throw Errors.invalidKey(table);
    }

    private static Column keyColumn(Table table, String name) {
        if (name.startsWith("_") && name.endsWith("_value")) {
            Column lookup = table.column(name.substring(1, name.length() - "_value".length())).orElse(null);
            if (lookup != null && lookup.type().isLookup()) {
                return lookup;
            }
        }
        return table.column(name).filter(c -> !c.type().isLookup()).orElseThrow(() -> Errors.invalidKey(table));
    }

    private static Object typed(Table table, Column column, Object literal) {
        if (literal == null) {
            throw Errors.invalidKey(table);
        }
        try {
            if (column.type().isLookup()) {
                return new Ref(column.targets().isEmpty() ? null : column.targets().get(0), (UUID) literal);
            }
            return switch (column.type()) {
                case String, Memo, EntityName -> (String) literal;
                case Uniqueidentifier -> (UUID) literal;
                case Integer, Picklist, State, Status -> ((BigDecimal) literal).intValueExact();
                case BigInt -> ((BigDecimal) literal).longValueExact();
                case Decimal, Money -> (BigDecimal) literal;
                case Double -> ((BigDecimal) literal).doubleValue();
                case Boolean -> (Boolean) literal;
                case DateTime -> Values.parseDate(column, literal.toString());
                default -> throw Errors.invalidKey(table);
            };
        } catch (ClassCastException | ArithmeticException e) {
            throw Errors.invalidKey(table);
        }
    }

    /**
     * Resolves a record URL as found in {@code @odata.bind}, {@code @odata.id} or a bulk target: relative
     * ({@code /accounts(…)}, {@code accounts(…)}), absolute, or a Content-ID reference ({@code $1}).
     */
    KeyLookup reference(String url, Map<String, String> contentIds) {
        String path = url.trim();
        if (path.startsWith("$") && contentIds != null) {
            String resolved = contentIds.get(path);
            if (resolved == null) {
                throw new ODataException(400, "0x0", "Content-ID Reference: '" + path
                        + "' does not exist in the batch context.");
            }
            path = resolved;
        }
        KeyLookup known = parsed.get(path);
        if (known != null) {
            return known;
        }
        String relative = SERVICE_ROOT.matcher(path).replaceFirst("");
        if (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        List<ResourcePath.Segment> segments = ResourcePath.parse(relative);
        if (segments.size() != 1 || !segments.get(0).hasKey()) {
            throw Errors.badRequest("The reference '" + url + "' does not address a single record.");
        }
        Table table = tableBySet(segments.get(0).name());
        KeyLookup key = key(table, segments.get(0).key());
        if (parsed.size() < 10_000) {
            parsed.put(path, key);
        }
        return key;
    }
}
