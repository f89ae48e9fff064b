package io.dvmigrate.emulator.environment;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.data.Store;
import io.dvmigrate.emulator.schema.AttributeType;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Option;
import io.dvmigrate.emulator.schema.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The values Dataverse sets itself on every write: created/modified on and by, versionnumber, the default
 * owner and the owning user/team/business unit derived from it, the default state and status, the base currency of
 * rows with money, and computed full names. {@code overriddencreatedon} on create becomes createdon, and the real
 * creation time is kept in overriddencreatedon.
 */
public final class SystemColumns {
    private final Environment environment;

    public SystemColumns(Environment environment) {
        this.environment = environment;
    }

    /**
     * Fills the system values of a row about to be stored. {@code previous} is the stored row for an update, null
     * for a create. With {@code keepGiven} (loading data) values already present are kept.
     */
    public void stamp(Table table, Object[] values, Row previous, UUID caller, Instant now, long version,
                      boolean keepGiven) {
        Ref callerRef = new Ref("systemuser", caller);
        if (previous == null) {
            Optional<Column> overridden = table.column("overriddencreatedon");
            Object createdOn = overridden.map(c -> get(values, c)).orElse(null);
            if (createdOn != null && !keepGiven) {
                set(table, values, "createdon", createdOn);
                set(table, values, "overriddencreatedon", now);
            } else {
                setIfAbsent(table, values, "createdon", now, keepGiven);
            }
            setIfAbsent(table, values, "createdby", callerRef, keepGiven);
            setIfAbsent(table, values, "ownerid", callerRef, true);
            defaultState(table, values);
        }
        setIfAbsent(table, values, "modifiedon", now, keepGiven);
        setIfAbsent(table, values, "modifiedby", callerRef, keepGiven);
        set(table, values, "versionnumber", version);
        deriveOwner(table, values);
        defaultCurrency(table, values);
        fullName(table, values);
    }

    private void defaultState(Table table, Object[] values) {
        Optional<Column> state = table.column("statecode");
        if (state.isEmpty()) {
            return;
        }
        if (get(values, state.get()) == null) {
            values[state.get().ordinal()] = 0;
        }
        Optional<Column> status = table.column("statuscode");
        if (status.isPresent() && get(values, status.get()) == null) {
            values[status.get().ordinal()] = defaultStatus(state.get(), (Integer) get(values, state.get()));
        }
    }

    /** The DefaultStatus of a state option, or the first status of that state, or 1. */
    public static Integer defaultStatus(Column state, Integer stateValue) {
        return state.option(stateValue).map(Option::defaultStatus).orElse(stateValue == null ? 1 : stateValue + 1);
    }

    private void deriveOwner(Table table, Object[] values) {
        Optional<Column> owner = table.column("ownerid");
        if (owner.isEmpty() || !(get(values, owner.get()) instanceof Ref ref)) {
            return;
        }
        boolean user = "systemuser".equals(ref.table());
        set(table, values, "owninguser", user ? ref : null);
        set(table, values, "owningteam", user ? null : ref);
        Store store = environment.store();
        Row principal = environment.schema().table(ref.table()).map(t -> store.table(t).get(ref.id())).orElse(null);
        Object businessUnit = principal == null ? null
                : environment.schema().requireTable(ref.table()).column("businessunitid").map(principal::get).orElse(null);
        set(table, values, "owningbusinessunit",
                businessUnit != null ? businessUnit : new Ref("businessunit", environment.ids().rootBusinessUnit()));
    }

    private void defaultCurrency(Table table, Object[] values) {
        Optional<Column> currency = table.column("transactioncurrencyid");
        if (currency.isEmpty() || get(values, currency.get()) != null || table.logicalName().equals("transactioncurrency")) {
            return;
        }
        boolean hasMoney = table.columns().stream()
                .anyMatch(c -> c.type() == AttributeType.Money && get(values, c) != null);
        if (hasMoney) {
            values[currency.get().ordinal()] = new Ref("transactioncurrency", environment.ids().baseCurrency());
            set(table, values, "exchangerate", BigDecimal.ONE);
        }
    }

    private static void fullName(Table table, Object[] values) {
        Optional<Column> full = table.column("fullname");
        Optional<Column> first = table.column("firstname");
        Optional<Column> last = table.column("lastname");
        if (full.isEmpty() || first.isEmpty() || last.isEmpty() || full.get().validForCreate()) {
            return;
        }
        Object firstName = get(values, first.get());
        Object lastName = get(values, last.get());
        if (firstName == null && lastName == null) {
            return;
        }
        String name = ((firstName == null ? "" : firstName + " ") + (lastName == null ? "" : lastName)).trim();
        values[full.get().ordinal()] = name;
    }

    private static Object get(Object[] values, Column column) {
        return column.ordinal() < values.length ? values[column.ordinal()] : null;
    }

    private static void set(Table table, Object[] values, String column, Object value) {
        table.column(column).ifPresent(c -> values[c.ordinal()] = value);
    }

    private static void setIfAbsent(Table table, Object[] values, String column, Object value, boolean keepGiven) {
        table.column(column).ifPresent(c -> {
            if (!keepGiven || values[c.ordinal()] == null) {
                values[c.ordinal()] = value;
            }
        });
    }
}
