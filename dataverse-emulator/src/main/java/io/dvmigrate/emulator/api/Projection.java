package io.dvmigrate.emulator.api;

import com.fasterxml.jackson.core.io.SerializedString;
import io.dvmigrate.emulator.odata.Errors;
import io.dvmigrate.emulator.odata.QueryOptions;
import io.dvmigrate.emulator.schema.AttributeType;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Navigation;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a read returns of each row: the selected columns ($select, or all; the primary id always, and the currency
 * with any money column), and the expansions ($expand) with their own options.
 */
record Projection(Table table, List<Column> columns, List<Expansion> expansions, String context,
                  SerializedString[] names) {

    /** One $expand item, bound to its navigation property. */
    record Expansion(Navigation navigation, boolean ref, QueryOptions options) {
    }

    static Projection of(Schema schema, Table table, QueryOptions options) {
        List<Column> columns;
        List<String> contextItems = new ArrayList<>();
        if (options.select() == null) {
            columns = table.columns();
        } else {
            Set<Column> selected = new LinkedHashSet<>();
            for (String name : options.select()) {
                Column column = selectable(schema, table, name);
                selected.add(column);
                contextItems.add(name);
            }
            if (selected.stream().anyMatch(c -> c.type() == AttributeType.Money)) {
                table.column("transactioncurrencyid").ifPresent(selected::add);
            }
            selected.add(table.primaryId());
            columns = List.copyOf(selected);
        }
        List<Expansion> expansions = new ArrayList<>();
        for (QueryOptions.Expand expand : options.expand()) {
            Navigation navigation = schema.navigation(table, expand.navigation())
                    .orElseThrow(() -> Errors.propertyNotFound(table, expand.navigation()));
            if (expand.ref() && !(navigation instanceof Navigation.Single)) {
                throw Errors.expandRefOnCollection();
            }
            expansions.add(new Expansion(navigation, expand.ref(), expand.options()));
            String nested = expand.options().select() == null ? "" : "(" + String.join(",", expand.options().select()) + ")";
            contextItems.add(expand.navigation() + nested);
        }
        String context = table.entitySetName() + (contextItems.isEmpty() ? "" : "(" + String.join(",", contextItems) + ")");
        SerializedString[] names = new SerializedString[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = new SerializedString(columns.get(i).propertyName());
        }
        return new Projection(table, columns, List.copyOf(expansions), context, names);
    }

    /** A $select item: a property name, or a lookup's navigation name (which selects its {@code _x_value}). */
    private static Column selectable(Schema schema, Table table, String name) {
        var lookup = RowPaths.lookupByProperty(table, name);
        if (lookup.isPresent()) {
            return lookup.get();
        }
        var column = table.column(name);
        if (column.isPresent()) {
            return column.get();
        }
        return schema.navigation(table, name)
                .filter(n -> n instanceof Navigation.Single)
                .map(n -> ((Navigation.Single) n).column())
                .orElseThrow(() -> Errors.propertyNotFound(table, name));
    }
}
