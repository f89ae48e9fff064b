package io.dvmigrate.emulator.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables and relationships of one environment, with the navigation properties derived from them. It can grow
 * at run time (POST EntityDefinitions); every change publishes fresh immutable indexes.
 */
public final class Schema {
    private volatile Map<String, Table> tables = Map.of();
    private volatile Map<String, Table> tablesBySet = Map.of();
    private volatile List<OneToMany> oneToMany = List.of();
    private volatile List<ManyToMany> manyToMany = List.of();
    private final java.util.Set<String> relationshipNames = new java.util.HashSet<>();
    /** Derived from the relationships on first use after a change (null while stale). */
    private volatile Map<String, Map<String, Navigation>> navigations;

    public Collection<Table> tables() {
        return tables.values();
    }

    public Optional<Table> table(String logicalName) {
        return Optional.ofNullable(tables.get(logicalName));
    }

    public Table requireTable(String logicalName) {
        Table table = tables.get(logicalName);
        if (table == null) {
            throw new IllegalArgumentException("no table '" + logicalName + "'");
        }
        return table;
    }

    public Optional<Table> tableBySet(String entitySetName) {
        return Optional.ofNullable(tablesBySet.get(entitySetName));
    }

    public boolean hasTable(String logicalName) {
        return tables.containsKey(logicalName);
    }

    public List<OneToMany> oneToMany() {
        return oneToMany;
    }

    public List<ManyToMany> manyToMany() {
        return manyToMany;
    }

    public synchronized Table addTable(Table table) {
        Table existing = tables.get(table.logicalName());
        if (existing != null) {
            return existing;
        }
        Map<String, Table> next = new LinkedHashMap<>(tables);
        next.put(table.logicalName(), table);
        Map<String, Table> nextBySet = new HashMap<>(tablesBySet);
        nextBySet.put(table.entitySetName(), table);
        tables = next;
        tablesBySet = nextBySet;
        navigations = null;
        return table;
    }

    /** Adds a relationship; one with the same SchemaName already there is kept. */
    public synchronized void addRelationship(OneToMany relationship) {
        if (!relationshipNames.add("1N/" + relationship.schemaName())) {
            return;
        }
        List<OneToMany> next = new ArrayList<>(oneToMany);
        next.add(relationship);
        oneToMany = List.copyOf(next);
        navigations = null;
    }

    public synchronized void addRelationship(ManyToMany relationship) {
        if (!relationshipNames.add("NN/" + relationship.schemaName())) {
            return;
        }
        List<ManyToMany> next = new ArrayList<>(manyToMany);
        next.add(relationship);
        manyToMany = List.copyOf(next);
        navigations = null;
    }

    /** Call after a table gained columns that relationships refer to. */
    public synchronized void refresh() {
        navigations = null;
    }

    private Map<String, Map<String, Navigation>> index() {
        Map<String, Map<String, Navigation>> current = navigations;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (navigations == null) {
                reindex();
            }
            return navigations;
        }
    }

    /** A navigation property by its exact, case-sensitive name. */
    public Optional<Navigation> navigation(Table table, String name) {
        return Optional.ofNullable(index().getOrDefault(table.logicalName(), Map.of()).get(name));
    }

    public Collection<Navigation> navigations(Table table) {
        return index().getOrDefault(table.logicalName(), Map.of()).values();
    }

    /** The single-valued navigation that binds {@code column} to rows of {@code target}. */
    public Optional<Navigation.Single> navigationFor(Table table, Column column, String target) {
        for (Navigation navigation : navigations(table)) {
            if (navigation instanceof Navigation.Single single && single.column().equals(column)
                    && single.targets().contains(target)) {
                return Optional.of(single);
            }
        }
        return Optional.empty();
    }

    public List<OneToMany> manyToOne(Table table) {
        return oneToMany.stream().filter(r -> r.referencingEntity().equals(table.logicalName())).toList();
    }

    public List<OneToMany> oneToManyOf(Table table) {
        return oneToMany.stream().filter(r -> r.referencedEntity().equals(table.logicalName())).toList();
    }

    public List<ManyToMany> manyToManyOf(Table table) {
        return manyToMany.stream()
                .filter(r -> r.entity1().equals(table.logicalName()) || r.entity2().equals(table.logicalName()))
                .toList();
    }

    private void reindex() {
        Map<String, Map<String, Navigation>> next = new HashMap<>();
        for (OneToMany relationship : oneToMany) {
            Table referencing = tables.get(relationship.referencingEntity());
            if (referencing == null) {
                continue;
            }
            Optional<Column> column = referencing.column(relationship.referencingAttribute());
            if (column.isEmpty()) {
                continue;
            }
            if (relationship.referencingNavigation() != null) {
                Map<String, Navigation> own = next.computeIfAbsent(referencing.logicalName(), k -> new LinkedHashMap<>());
                List<String> targets = "owner".equals(relationship.referencedEntity())
                        ? column.get().targets() : List.of(relationship.referencedEntity());
                own.putIfAbsent(relationship.referencingNavigation(),
                        new Navigation.Single(relationship.referencingNavigation(), column.get(), targets, relationship));
            }
            if (relationship.referencedNavigation() != null && tables.containsKey(relationship.referencedEntity())) {
                next.computeIfAbsent(relationship.referencedEntity(), k -> new LinkedHashMap<>())
                        .putIfAbsent(relationship.referencedNavigation(),
                                new Navigation.Children(relationship.referencedNavigation(), relationship));
            }
        }
        for (ManyToMany relationship : manyToMany) {
            if (tables.containsKey(relationship.entity1()) && relationship.entity1Navigation() != null) {
                next.computeIfAbsent(relationship.entity1(), k -> new LinkedHashMap<>()).putIfAbsent(
                        relationship.entity1Navigation(),
                        new Navigation.Related(relationship.entity1Navigation(), relationship, true));
            }
            if (tables.containsKey(relationship.entity2()) && relationship.entity2Navigation() != null) {
                next.computeIfAbsent(relationship.entity2(), k -> new LinkedHashMap<>()).putIfAbsent(
                        relationship.entity2Navigation(),
                        new Navigation.Related(relationship.entity2Navigation(), relationship, false));
            }
        }
        navigations = next;
    }
}
