package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.data.Store;
import io.dvmigrate.emulator.odata.Errors;
import io.dvmigrate.emulator.odata.Filter;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Navigation;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binds property paths of {@code $filter} and {@code $orderby} to row values: a column ({@code name}), a lookup's
 * id ({@code _parentaccountid_value}), or a column of the row a single-valued navigation points at
 * ({@code parentaccountid/name}).
 */
final class RowPaths implements Filter.Binder<Row> {
    private final Schema schema;
    private final Store store;
    private final Table table;

    RowPaths(Schema schema, Store store, Table table) {
        this.schema = schema;
        this.store = store;
        this.table = table;
    }

    @Override
    public Function<Row, Object> bind(List<String> path) {
        if (path.size() == 1) {
            Column column = column(table, path.get(0));
            return row -> row.get(column);
        }
        if (path.size() == 2) {
            Navigation navigation = schema.navigation(table, path.get(0)).orElseThrow(
                    () -> Errors.propertyNotFound(table, path.get(0)));
            if (!(navigation instanceof Navigation.Single single)) {
                throw Errors.badRequest("The navigation property '" + path.get(0)
                        + "' is a collection; only lookups can be followed in $filter and $orderby.");
            }
            Column lookup = single.column();
            String property = path.get(1);
            return row -> {
                if (!(row.get(lookup) instanceof Ref ref) || !single.targets().contains(ref.table())) {
                    return null;
                }
                Optional<Table> target = schema.table(ref.table());
                if (target.isEmpty()) {
                    return null;
                }
                Row related = store.table(target.get()).get(ref.id());
                Optional<Column> column = target.get().column(property)
                        .or(() -> lookupByProperty(target.get(), property));
                return related == null || column.isEmpty() ? null : related.get(column.get());
            };
        }
        throw Errors.propertyNotFound(table, String.join("/", path));
    }

    /** A column by its OData property name: {@code _x_value} for lookups, the logical name otherwise. */
    static Column column(Table table, String property) {
        Optional<Column> lookup = lookupByProperty(table, property);
        if (lookup.isPresent()) {
            return lookup.get();
        }
        return table.column(property).filter(c -> !c.type().isLookup())
                .orElseThrow(() -> Errors.propertyNotFound(table, property));
    }

    static Optional<Column> lookupByProperty(Table table, String property) {
        if (property.startsWith("_") && property.endsWith("_value") && property.length() > 7) {
            return table.column(property.substring(1, property.length() - 6)).filter(c -> c.type().isLookup());
        }
        return Optional.empty();
    }
}
