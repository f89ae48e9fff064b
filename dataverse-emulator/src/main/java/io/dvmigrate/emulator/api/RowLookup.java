package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.data.TableData;
import io.dvmigrate.emulator.odata.Filter;
import io.dvmigrate.emulator.schema.AlternateKey;
import io.dvmigrate.emulator.schema.KeyStatus;
import io.dvmigrate.emulator.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The rows a filter can only match when it names them, the way Dataverse's SQL answers such a filter from an index
 * rather than a scan: {@code accountid eq A or accountid eq B …}, or alternate-key values ({@code (code eq 'X' and
 * region eq 'Y') or …}), possibly under an {@code and} with other conditions. The full filter is still applied to
 * the candidates; a filter of any other shape gets no candidates (a scan).
 */
final class RowLookup {
    private RowLookup() {
    }

    /** The ids of the rows the filter can match, or null when it does not name its rows. */
    static NavigableSet<UUID> candidates(Filter.Node filter, Table table, TableData data) {
        if (filter instanceof Filter.And and) {
            NavigableSet<UUID> left = candidates(and.left(), table, data);
            return left != null ? left : candidates(and.right(), table, data);
        }
        List<Filter.Node> alternatives = new ArrayList<>();
        flatten(filter, alternatives);
        NavigableSet<UUID> ids = new TreeSet<>();
        for (Filter.Node alternative : alternatives) {
            UUID id = primaryId(alternative, table);
            if (id != null) {
                ids.add(id);
                continue;
            }
            Map<String, Object> equalities = new HashMap<>();
            if (!equalities(alternative, equalities)) {
                return null;
            }
            AlternateKey key = table.keys().stream()
                    .filter(k -> k.status() == KeyStatus.Active && equalities.keySet().equals(new java.util.HashSet<>(k.columns())))
                    .findFirst().orElse(null);
            if (key == null) {
                return null;
            }
            UUID found = data.findByKey(key.logicalName(), key.columns().stream().map(equalities::get).toList());
            if (found != null) {
                ids.add(found);
            }
        }
        return ids;
    }

    private static void flatten(Filter.Node node, List<Filter.Node> into) {
        if (node instanceof Filter.Or or) {
            flatten(or.left(), into);
            flatten(or.right(), into);
        } else {
            into.add(node);
        }
    }

    private static UUID primaryId(Filter.Node node, Table table) {
        if (node instanceof Filter.Compare compare && compare.operator().equals("eq")
                && compare.left() instanceof Filter.Path path && path.segments().equals(List.of(table.primaryIdAttribute()))
                && compare.right() instanceof Filter.Literal literal && literal.value() instanceof UUID id) {
            return id;
        }
        return null;
    }

    /** Collects {@code column eq 'text'} conditions joined by {@code and}; false for anything else. */
    private static boolean equalities(Filter.Node node, Map<String, Object> into) {
        if (node instanceof Filter.And and) {
            return equalities(and.left(), into) && equalities(and.right(), into);
        }
        if (node instanceof Filter.Compare compare && compare.operator().equals("eq")
                && compare.left() instanceof Filter.Path path && path.segments().size() == 1
                && compare.right() instanceof Filter.Literal literal && literal.value() instanceof String text) {
            into.put(path.segments().get(0), text);
            return true;
        }
        return false;
    }
}
