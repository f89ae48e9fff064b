package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.data.Store;
import io.dvmigrate.emulator.data.Values;
import io.dvmigrate.emulator.odata.Filter;
import io.dvmigrate.emulator.odata.QueryOptions;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * $filter and $orderby of one query, compiled against a table: a predicate, and sort keys that always end with
 * the primary id so that paging positions are total. No sort keys means the default primary-id order. When the
 * filter names its rows by id or alternate key, {@code candidates} holds their ids (see {@link RowLookup}).
 */
record CompiledQuery(Predicate<Row> filter, List<SortKey> sortKeys, NavigableSet<UUID> candidates) {

    record SortKey(List<String> path, Function<Row, Object> value, boolean descending) {
    }

    static CompiledQuery of(Schema schema, Store store, Table table, QueryOptions options) {
        RowPaths paths = new RowPaths(schema, store, table);
        Predicate<Row> filter = options.filter() == null ? row -> true : Filter.compile(options.filter(), paths);
        List<SortKey> keys = new ArrayList<>();
        for (QueryOptions.OrderBy item : options.orderBy()) {
            keys.add(new SortKey(item.path(), paths.bind(item.path()), item.descending()));
        }
        NavigableSet<UUID> candidates = options.filter() == null ? null
                : RowLookup.candidates(options.filter(), table);
        return new CompiledQuery(filter, List.copyOf(keys), candidates);
    }

    /** The rows to test: the candidates the filter names when it names them, else every row, in id order. */
    java.util.Collection<Row> rowsToTest(io.dvmigrate.emulator.data.TableData data, UUID after) {
        if (candidates == null) {
            return data.rowsAfter(after).values();
        }
        List<Row> rows = new ArrayList<>();
        for (UUID id : after == null ? candidates : candidates.tailSet(after, false)) {
            Row row = data.get(id);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    boolean ordered() {
        return !sortKeys.isEmpty();
    }

    Comparator<Row> comparator() {
        return (a, b) -> {
            for (SortKey key : sortKeys) {
                int order = Values.compare(key.value().apply(a), key.value().apply(b));
                if (order != 0) {
                    return key.descending() ? -order : order;
                }
            }
            return a.id().compareTo(b.id());
        };
    }

    /** Whether {@code row} comes after the position {@code (values, id)} in this order. */
    boolean isAfter(Row row, List<Object> values, UUID id) {
        for (int i = 0; i < sortKeys.size(); i++) {
            SortKey key = sortKeys.get(i);
            int order = Values.compare(key.value().apply(row), values.get(i));
            if (order != 0) {
                return key.descending() ? order < 0 : order > 0;
            }
        }
        return row.id().compareTo(id) > 0;
    }
}
