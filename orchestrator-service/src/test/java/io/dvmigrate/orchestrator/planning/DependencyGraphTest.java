package io.dvmigrate.orchestrator.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dvmigrate.orchestrator.planning.DependencyGraph.Lookup;
import io.dvmigrate.orchestrator.planning.DependencyGraph.Order;
import io.dvmigrate.orchestrator.planning.DependencyGraph.RequiredCycleException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static Lookup optional(String table, String column, String... targets) {
        return new Lookup(table, column, Set.of(targets), false);
    }

    private static Lookup required(String table, String column, String... targets) {
        return new Lookup(table, column, Set.of(targets), true);
    }

    @Test
    void crmCyclesAreBrokenByDeferringOnlyTheColumnsThatCloseThem() {
        Order order = DependencyGraph.order(List.of("account", "contact", "opportunity", "task"), List.of(
                optional("account", "parentaccountid", "account"),
                optional("account", "primarycontactid", "contact"),
                optional("contact", "parentcustomerid", "account", "contact"),
                required("opportunity", "customerid", "account", "contact"),
                optional("task", "regardingobjectid", "account", "contact", "opportunity"),
                optional("task", "ownerid", "systemuser", "team")));

        assertThat(order.deferred()).containsEntry("account", List.of("parentaccountid"))
                .containsEntry("contact", List.of("parentcustomerid"))
                .containsEntry("opportunity", List.of())
                .containsEntry("task", List.of());
        assertThat(order.after()).containsEntry("contact", Set.of())
                .containsEntry("account", Set.of("contact"))
                .containsEntry("opportunity", Set.of("account", "contact"))
                .containsEntry("task", Set.of("account", "contact", "opportunity"));
        assertThat(order.tiers()).containsExactly(List.of("contact"), List.of("account"), List.of("opportunity"),
                List.of("task"));
    }

    @Test
    void aRequiredColumnIsNeverDeferredWhenAnOptionalOneCanBreakTheCycle() {
        Order order = DependencyGraph.order(List.of("a", "b"), List.of(
                required("a", "b_id", "b"),
                optional("b", "a_id", "a")));

        assertThat(order.deferred()).containsEntry("a", List.of()).containsEntry("b", List.of("a_id"));
        assertThat(order.after()).containsEntry("a", Set.of("b"));
    }

    @Test
    void aCycleOfRequiredLookupsIsAnErrorThatNamesItsColumns() {
        assertThatThrownBy(() -> DependencyGraph.order(List.of("invoice", "order", "note"), List.of(
                required("invoice", "orderid", "order"),
                required("order", "invoiceid", "invoice"),
                optional("note", "objectid", "invoice"))))
                .isInstanceOf(RequiredCycleException.class)
                .hasMessageContaining("invoice.orderid → order")
                .hasMessageContaining("order.invoiceid → invoice")
                .satisfies(e -> assertThat(((RequiredCycleException) e).columns()).hasSize(2));
    }

    @Test
    void aRequiredSelfReferenceIsAnError() {
        assertThatThrownBy(() -> DependencyGraph.order(List.of("category"), List.of(
                required("category", "parentid", "category"))))
                .isInstanceOf(RequiredCycleException.class)
                .hasMessageContaining("category.parentid → category (required, and points to its own table)");
    }

    @Test
    void lookupsToTablesOutsideThePlanOrderNothing() {
        Order order = DependencyGraph.order(List.of("contact"), List.of(
                optional("contact", "transactioncurrencyid", "transactioncurrency"),
                required("contact", "ownerid", "systemuser", "team")));

        assertThat(order.after()).containsEntry("contact", Set.of());
        assertThat(order.deferred()).containsEntry("contact", List.of());
        assertThat(order.tiers()).containsExactly(List.of("contact"));
    }

    @Test
    void aLargeComponentIsBrokenGreedilyWithoutTouchingRequiredColumns() {
        List<String> tables = new ArrayList<>();
        List<Lookup> lookups = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tables.add("t" + i);
        }
        for (int i = 0; i < 12; i++) {
            // a ring of required lookups broken once by an optional one, plus optional chords
            String next = "t" + ((i + 1) % 12);
            lookups.add(i == 11 ? optional("t" + i, "next", next) : required("t" + i, "next", next));
            lookups.add(optional("t" + i, "chord", "t" + ((i + 5) % 12)));
        }

        Order order = DependencyGraph.order(tables, lookups);

        assertValid(tables, lookups, order);
        // the required chain forces t11..t0; then t11.next and the five chords that wrap around point forward
        assertThat(order.deferred().values().stream().mapToInt(List::size).sum()).isEqualTo(6);
    }

    @RepeatedTest(25)
    void anyGraphGetsAValidOrder(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int size = 2 + random.nextInt(14);
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            tables.add("t" + i);
        }
        List<Lookup> lookups = new ArrayList<>();
        for (int i = 0; i < size * 2; i++) {
            String table = tables.get(random.nextInt(size));
            Set<String> targets = new HashSet<>();
            targets.add(tables.get(random.nextInt(size)));
            if (random.nextInt(4) == 0) {
                targets.add(tables.get(random.nextInt(size)));
            }
            lookups.add(new Lookup(table, "c" + i, targets, false));
        }

        assertValid(tables, lookups, DependencyGraph.order(tables, lookups));
    }

    /** Every kept lookup's targets load first, the order has no cycle, and deferred columns are all optional. */
    private static void assertValid(List<String> tables, List<Lookup> lookups, Order order) {
        Map<String, Integer> tier = new HashMap<>();
        for (int i = 0; i < order.tiers().size(); i++) {
            for (String table : order.tiers().get(i)) {
                tier.put(table, i);
            }
        }
        assertThat(tier.keySet()).containsExactlyInAnyOrderElementsOf(tables);
        for (Lookup lookup : lookups) {
            boolean deferred = order.deferred().get(lookup.table()).contains(lookup.column());
            if (deferred) {
                assertThat(lookup.required()).as(lookup.table() + "." + lookup.column()).isFalse();
                continue;
            }
            for (String target : lookup.targets()) {
                assertThat(target).as("self-references are always deferred").isNotEqualTo(lookup.table());
                assertThat(order.after().get(lookup.table())).contains(target);
                assertThat(tier.get(target)).isLessThan(tier.get(lookup.table()));
            }
        }
    }
}
