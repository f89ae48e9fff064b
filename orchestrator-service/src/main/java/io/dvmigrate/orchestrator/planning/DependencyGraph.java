package io.dvmigrate.orchestrator.planning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The load order of a plan's tables from the lookups among them. A table is loaded after the tables its lookups point
 * to. Cycles (strongly connected components, found with Tarjan's algorithm) and self-references are broken by
 * <em>deferring</em> lookup columns: loaded without them first, patched in a second pass. The set deferred is small
 * (the fewest columns, exactly for components of up to {@value #EXACT_LIMIT} tables, greedily beyond), and never
 * contains a required column; a cycle of required lookups is an error that names its columns.
 */
public final class DependencyGraph {
    static final int EXACT_LIMIT = 8;

    /** A lookup column of {@code table} that can point to each of {@code targets}. */
    public record Lookup(String table, String column, Set<String> targets, boolean required) {
        public Lookup {
            targets = Set.copyOf(targets);
        }

        String name() {
            return table + "." + column;
        }
    }

    /**
     * The order.
     *
     * @param after    for each table, the tables that must be loaded before it starts
     * @param deferred for each table, its lookup columns patched in the second pass (sorted)
     * @param tiers    tables grouped by depth: a table's parents are all in earlier tiers
     */
    public record Order(Map<String, Set<String>> after, Map<String, List<String>> deferred, List<List<String>> tiers) {
    }

    /** Required lookups that form a cycle: no order can load them. */
    public static class RequiredCycleException extends RuntimeException {
        private final List<String> columns;

        RequiredCycleException(List<String> columns) {
            super("a cycle of required lookups cannot be broken: " + String.join(", ", columns)
                    + " (a required lookup cannot be deferred, so each table needs the other loaded first;"
                    + " make one of these columns optional in the target or leave one table out)");
            this.columns = List.copyOf(columns);
        }

        public List<String> columns() {
            return columns;
        }
    }

    private final List<String> tables;
    private final List<Lookup> lookups;

    private DependencyGraph(Collection<String> tables, Collection<Lookup> lookups) {
        this.tables = tables.stream().sorted().toList();
        Set<String> inPlan = Set.copyOf(tables);
        // only lookups between tables of the plan order anything; other targets are bound, not waited for
        this.lookups = lookups.stream()
                .map(l -> new Lookup(l.table(), l.column(), l.targets().stream().filter(inPlan::contains)
                        .collect(Collectors.toSet()), l.required()))
                .filter(l -> inPlan.contains(l.table()) && !l.targets().isEmpty())
                .sorted(Comparator.comparing(Lookup::name))
                .toList();
    }

    public static Order order(Collection<String> tables, Collection<Lookup> lookups) {
        return new DependencyGraph(tables, lookups).order();
    }

    private Order order() {
        Set<Lookup> deferred = new LinkedHashSet<>();
        for (Lookup lookup : lookups) {
            if (lookup.targets().contains(lookup.table())) {
                if (lookup.required()) {
                    throw new RequiredCycleException(List.of(lookup.name() + " → " + lookup.table()
                            + " (required, and points to its own table)"));
                }
                deferred.add(lookup);
            }
        }
        for (List<String> component : stronglyConnectedComponents(deferred)) {
            if (component.size() > 1) {
                deferred.addAll(breakCycles(component, deferred));
            }
        }
        return result(deferred);
    }

    private List<Lookup> active(Set<Lookup> deferred) {
        return lookups.stream().filter(l -> !deferred.contains(l)).toList();
    }

    /** Tarjan's algorithm over the edges of the lookups not yet deferred. */
    private List<List<String>> stronglyConnectedComponents(Set<Lookup> deferred) {
        Map<String, Set<String>> edges = new HashMap<>();
        for (Lookup lookup : active(deferred)) {
            edges.computeIfAbsent(lookup.table(), k -> new TreeSet<>()).addAll(lookup.targets());
        }
        return new Tarjan(tables, edges).components();
    }

    /** The columns to defer so that {@code component} has no cycle left. */
    private Set<Lookup> breakCycles(List<String> component, Set<Lookup> alreadyDeferred) {
        Set<String> members = Set.copyOf(component);
        List<Lookup> inner = active(alreadyDeferred).stream()
                .filter(l -> members.contains(l.table()) && l.targets().stream().anyMatch(members::contains))
                .toList();
        List<Lookup> required = inner.stream().filter(Lookup::required).toList();
        failOnRequiredCycle(component, required);
        List<String> order = component.size() <= EXACT_LIMIT ? bestOrder(component, inner) : greedyOrder(component, inner);
        return backward(order, inner);
    }

    private void failOnRequiredCycle(List<String> component, List<Lookup> required) {
        Map<String, Set<String>> edges = new HashMap<>();
        for (Lookup lookup : required) {
            edges.computeIfAbsent(lookup.table(), k -> new TreeSet<>()).addAll(lookup.targets());
        }
        for (List<String> cycle : new Tarjan(component, edges).components()) {
            if (cycle.size() > 1) {
                Set<String> inCycle = Set.copyOf(cycle);
                throw new RequiredCycleException(required.stream()
                        .filter(l -> inCycle.contains(l.table()) && l.targets().stream().anyMatch(inCycle::contains))
                        .map(l -> l.name() + " → " + l.targets().stream().filter(inCycle::contains).sorted()
                                .collect(Collectors.joining("|")))
                        .toList());
            }
        }
    }

    /** Columns that, loading tables in {@code order}, point to a table loaded later: those must wait for pass 2. */
    private static Set<Lookup> backward(List<String> order, List<Lookup> inner) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
        Set<Lookup> backward = new LinkedHashSet<>();
        for (Lookup lookup : inner) {
            int at = position.get(lookup.table());
            if (lookup.targets().stream().anyMatch(t -> position.containsKey(t) && position.get(t) >= at)) {
                backward.add(lookup);
            }
        }
        return backward;
    }

    /** The order with the fewest deferred columns among those that defer no required one (exhaustive search). */
    private static List<String> bestOrder(List<String> component, List<Lookup> inner) {
        List<String> sorted = component.stream().sorted().toList();
        List<String>[] best = new List[1];
        int[] bestCost = {Integer.MAX_VALUE};
        permute(new ArrayList<>(), sorted, new boolean[sorted.size()], inner, best, bestCost);
        return best[0];
    }

    private static void permute(List<String> prefix, List<String> all, boolean[] used, List<Lookup> inner,
            List<String>[] best, int[] bestCost) {
        if (prefix.size() == all.size()) {
            Set<Lookup> deferred = backward(prefix, inner);
            if (deferred.stream().noneMatch(Lookup::required) && deferred.size() < bestCost[0]) {
                bestCost[0] = deferred.size();
                best[0] = List.copyOf(prefix);
            }
            return;
        }
        for (int i = 0; i < all.size(); i++) {
            if (!used[i]) {
                used[i] = true;
                prefix.add(all.get(i));
                permute(prefix, all, used, inner, best, bestCost);
                prefix.remove(prefix.size() - 1);
                used[i] = false;
            }
        }
    }

    /**
     * Places tables one by one, each time choosing, among the tables whose required parents are placed, the one
     * that leaves the fewest of its columns pointing to unplaced tables (those get deferred).
     */
    private static List<String> greedyOrder(List<String> component, List<Lookup> inner) {
        List<String> order = new ArrayList<>();
        Set<String> unplaced = new TreeSet<>(component);
        while (!unplaced.isEmpty()) {
            String next = null;
            int nextCost = Integer.MAX_VALUE;
            for (String candidate : unplaced) {
                boolean requiredParentsPlaced = inner.stream()
                        .filter(l -> l.table().equals(candidate) && l.required())
                        .allMatch(l -> l.targets().stream().noneMatch(unplaced::contains) || l.targets().contains(candidate));
                if (!requiredParentsPlaced) {
                    continue;
                }
                int cost = (int) inner.stream()
                        .filter(l -> l.table().equals(candidate) && l.targets().stream().anyMatch(unplaced::contains))
                        .count();
                if (cost < nextCost) {
                    next = candidate;
                    nextCost = cost;
                }
            }
            order.add(next);
            unplaced.remove(next);
        }
        return order;
    }

    private Order result(Set<Lookup> deferred) {
        Map<String, Set<String>> after = new TreeMap<>();
        Map<String, List<String>> deferredColumns = new TreeMap<>();
        for (String table : tables) {
            after.put(table, new TreeSet<>());
            deferredColumns.put(table, new ArrayList<>());
        }
        for (Lookup lookup : lookups) {
            if (deferred.contains(lookup)) {
                deferredColumns.get(lookup.table()).add(lookup.column());
            } else {
                lookup.targets().stream().filter(t -> !t.equals(lookup.table())).forEach(after.get(lookup.table())::add);
            }
        }
        deferredColumns.values().forEach(columns -> columns.sort(String::compareTo));
        return new Order(freeze(after), freezeLists(deferredColumns), tiers(after));
    }

    private List<List<String>> tiers(Map<String, Set<String>> after) {
        Map<String, Integer> depth = new HashMap<>();
        for (String table : tables) {
            depthOf(table, after, depth, new LinkedHashSet<>());
        }
        Map<Integer, List<String>> byDepth = new TreeMap<>();
        depth.forEach((table, d) -> byDepth.computeIfAbsent(d, k -> new ArrayList<>()).add(table));
        byDepth.values().forEach(list -> list.sort(String::compareTo));
        return List.copyOf(byDepth.values().stream().map(List::copyOf).toList());
    }

    private static int depthOf(String table, Map<String, Set<String>> after, Map<String, Integer> depth,
            Set<String> visiting) {
        Integer known = depth.get(table);
        if (known != null) {
            return known;
        }
        if (!visiting.add(table)) {
            throw new IllegalStateException("cycle left after deferral at " + visiting);
        }
        int d = 0;
        for (String parent : after.get(table)) {
            d = Math.max(d, depthOf(parent, after, depth, visiting) + 1);
        }
        visiting.remove(table);
        depth.put(table, d);
        return d;
    }

    private static Map<String, Set<String>> freeze(Map<String, Set<String>> map) {
        Map<String, Set<String>> frozen = new LinkedHashMap<>();
        map.forEach((k, v) -> frozen.put(k, java.util.Collections.unmodifiableSet(new TreeSet<>(v))));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    private static Map<String, List<String>> freezeLists(Map<String, List<String>> map) {
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        map.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    /** Tarjan's strongly connected components, iterative so deep graphs cannot overflow the stack. */
    private static final class Tarjan {
        private final List<String> nodes;
        private final Map<String, Set<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new java.util.HashSet<>();
        private final List<List<String>> components = new ArrayList<>();
        private int counter;

        Tarjan(List<String> nodes, Map<String, Set<String>> edges) {
            this.nodes = nodes;
            this.edges = edges;
        }

        List<List<String>> components() {
            for (String node : nodes) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return components;
        }

        private void visit(String root) {
            Deque<Map.Entry<String, java.util.Iterator<String>>> work = new ArrayDeque<>();
            enter(root);
            work.push(Map.entry(root, successors(root).iterator()));
            while (!work.isEmpty()) {
                Map.Entry<String, java.util.Iterator<String>> frame = work.peek();
                String node = frame.getKey();
                if (frame.getValue().hasNext()) {
                    String next = frame.getValue().next();
                    if (!index.containsKey(next)) {
                        enter(next);
                        work.push(Map.entry(next, successors(next).iterator()));
                    } else if (onStack.contains(next)) {
                        low.put(node, Math.min(low.get(node), index.get(next)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    List<String> component = new ArrayList<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    component.sort(String::compareTo);
                    components.add(component);
                }
            }
        }

        private void enter(String node) {
            index.put(node, counter);
            low.put(node, counter);
            counter++;
            stack.push(node);
            onStack.add(node);
        }

        private Collection<String> successors(String node) {
            return edges.getOrDefault(node, Set.of()).stream().filter(n -> nodes.contains(n)).toList();
        }
    }
}
