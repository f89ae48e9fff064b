package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.odata.Filter;
import io.dvmigrate.emulator.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The rows a filter can only match when it names them by primary id, the way Dataverse's SQL answers such a filter
 * from its clustered index rather than a scan: {@code accountid eq A or accountid eq B …}, possibly under an
 * {@code and} with other conditions. The full filter is still applied to the candidates; a filter of any other
 * shape gets no candidates (a scan).
 */
final class RowLookup {
    private RowLookup() {
    }

    /** The ids of the rows the filter can match, or null when it does not name its rows. */
    static NavigableSet<UUID> candidates(Filter.Node filter, Table table) {
        if (filter instanceof Filter.And and) {
            NavigableSet<UUID> left = candidates(and.left(), table);
            return left != null ? left : candidates(and.right(), table);
        }
        List<Filter.Node> alternatives = new ArrayList<>();
        flatten(filter, alternatives);
        NavigableSet<UUID> ids = new TreeSet<>();
        for (Filter.Node alternative : alternatives) {
            UUID id = primaryId(alternative, table);
            if (id == null) {
                return null;
            }
            ids.add(id);
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
}
