package io.dvmigrate.emulator.environment;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.schema.AttributeType;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Option;
import io.dvmigrate.emulator.schema.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values Dataverse sets itself on every write: created/modified on and by, versionnumber, the default
 * owner and the owning user/team/business unit derived from it, the default state and status, the base currency of
 * rows with money, and computed full names. {@code overriddencreatedon} on create becomes createdon, and the real
 * creation time is kept in overriddencreatedon.
 */
public final class SystemColumns {
    /** Where each system column of a table is, found once per table (and again when the table grows). */
    private static final Map<Table, Plan> PLANS = new ConcurrentHashMap<>();

    private final Environment environment;
    private Ref lastOwner;
    private Object lastBusinessUnit;
    private Ref caller;

    public SystemColumns(Environment environment) {
        this.environment = environment;
    }

    /** Ordinals of a table's system columns; -1 where the table has no such column. */
    private record Plan(int width, int createdOn, int modifiedOn, int createdBy, int modifiedBy, int version,
                        int overridden, int owner, int owningUser, int owningTeam, int owningBusinessUnit,
                        Column state, int status, int currency, int exchangeRate, int[] money, int fullName,
                        int firstName, int lastName) {

        static Plan of(Table table) {
            boolean computedName = table.column("fullname").map(c -> !c.validForCreate()).orElse(false);
            return new Plan(table.width(), at(table, "createdon"), at(table, "modifiedon"), at(table, "createdby"),
                    at(table, "modifiedby"), at(table, "versionnumber"), at(table, "overriddencreatedon"),
                    at(table, "ownerid"), at(table, "owninguser"), at(table, "owningteam"),
                    at(table, "owningbusinessunit"), table.column("statecode").orElse(null), at(table, "statuscode"),
                    table.logicalName().equals("transactioncurrency") ? -1 : at(table, "transactioncurrencyid"),
                    at(table, "exchangerate"),
                    table.columns().stream().filter(c -> c.type() == AttributeType.Money).mapToInt(Column::ordinal).toArray(),
                    computedName ? at(table, "fullname") : -1, at(table, "firstname"), at(table, "lastname"));
        }

        private static int at(Table table, String column) {
            return table.column(column).map(Column::ordinal).orElse(-1);
        }
    }

    private static Plan plan(Table table) {
        Plan plan = PLANS.get(table);
        if (plan == null || plan.width() != table.width()) {
            plan = Plan.of(table);
            PLANS.put(table, plan);
        }
        return plan;
    }

    /**
     * Fills the system values of a row about to be stored. {@code previous} is the stored row for an update, null
     * for a create. With {@code keepGiven} (loading data) values already present are kept.
     */
    public void stamp(Table table, Object[] values, Row previous, UUID caller, Instant now, long version,
                      boolean keepGiven) {
        Plan plan = plan(table);
        Ref callerRef = callerRef(caller);
        if (previous == null) {
            Object createdOn = get(values, plan.overridden());
            if (createdOn != null && !keepGiven) {
                set(values, plan.createdOn(), createdOn);
                set(values, plan.overridden(), now);
            } else {
                setIfAbsent(values, plan.createdOn(), now, keepGiven);
            }
            setIfAbsent(values, plan.createdBy(), callerRef, keepGiven);
            setIfAbsent(values, plan.owner(), callerRef, true);
            defaultState(plan, values);
        }
        setIfAbsent(values, plan.modifiedOn(), now, keepGiven);
        setIfAbsent(values, plan.modifiedBy(), callerRef, keepGiven);
        set(values, plan.version(), version);
        deriveOwner(plan, values);
        defaultCurrency(plan, values);
        fullName(plan, values);
    }

    /** The caller as a lookup value, shared by the rows one write unit or load stamps. */
    private Ref callerRef(UUID id) {
        if (caller == null || !caller.id().equals(id)) {
            caller = new Ref("systemuser", id);
        }
        return caller;
    }

    private static void defaultState(Plan plan, Object[] values) {
        Column state = plan.state();
        if (state == null) {
            return;
        }
        if (values[state.ordinal()] == null) {
            values[state.ordinal()] = 0;
        }
        if (plan.status() >= 0 && values[plan.status()] == null) {
            values[plan.status()] = defaultStatus(state, (Integer) values[state.ordinal()]);
        }
    }

    /** The DefaultStatus of a state option, or the first status of that state, or 1. */
    public static Integer defaultStatus(Column state, Integer stateValue) {
        return state.option(stateValue).map(Option::defaultStatus).orElse(stateValue == null ? 1 : stateValue + 1);
    }

    private void deriveOwner(Plan plan, Object[] values) {
        if (plan.owner() < 0 || !(values[plan.owner()] instanceof Ref ref)) {
            return;
        }
        boolean user = "systemuser".equals(ref.table());
        set(values, plan.owningUser(), user ? ref : null);
        set(values, plan.owningTeam(), user ? null : ref);
        if (plan.owningBusinessUnit() >= 0) {
            values[plan.owningBusinessUnit()] = businessUnitOf(ref);
        }
    }

    /** The business unit of an owner (remembering the last one asked: loads and bulk writes repeat owners). */
    private Object businessUnitOf(Ref owner) {
        if (owner.equals(lastOwner)) {
            return lastBusinessUnit;
        }
        Optional<Table> table = environment.schema().table(owner.table());
        Row principal = table.map(t -> environment.store().table(t).get(owner.id())).orElse(null);
        Object businessUnit = principal == null ? null
                : table.get().column("businessunitid").map(principal::get).orElse(null);
        lastOwner = owner;
        lastBusinessUnit = businessUnit != null ? businessUnit
                : new Ref("businessunit", environment.ids().rootBusinessUnit());
        return lastBusinessUnit;
    }

    private void defaultCurrency(Plan plan, Object[] values) {
        if (plan.currency() < 0 || values[plan.currency()] != null) {
            return;
        }
        for (int money : plan.money()) {
            if (values[money] != null) {
                values[plan.currency()] = new Ref("transactioncurrency", environment.ids().baseCurrency());
                set(values, plan.exchangeRate(), BigDecimal.ONE);
                return;
            }
        }
    }

    private static void fullName(Plan plan, Object[] values) {
        if (plan.fullName() < 0 || plan.firstName() < 0 || plan.lastName() < 0) {
            return;
        }
        Object firstName = values[plan.firstName()];
        Object lastName = values[plan.lastName()];
        if (firstName == null && lastName == null) {
            return;
        }
        values[plan.fullName()] = ((firstName == null ? "" : firstName + " ") + (lastName == null ? "" : lastName)).trim();
    }

    private static Object get(Object[] values, int ordinal) {
        return ordinal >= 0 && ordinal < values.length ? values[ordinal] : null;
    }

    private static void set(Object[] values, int ordinal, Object value) {
        if (ordinal >= 0) {
            values[ordinal] = value;
        }
    }

    private static void setIfAbsent(Object[] values, int ordinal, Object value, boolean keepGiven) {
        if (ordinal >= 0 && (!keepGiven || values[ordinal] == null)) {
            values[ordinal] = value;
        }
    }
}
