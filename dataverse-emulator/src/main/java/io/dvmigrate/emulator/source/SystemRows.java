package io.dvmigrate.emulator.source;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.environment.Seeder;
import io.dvmigrate.emulator.environment.SystemIds;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The rows every environment has: the organization, the root business unit and its default team, the admin user
 * and the base currency (USD). Columns a source's own definition of these tables lacks are skipped.
 */
final class SystemRows {
    private final Environment environment;
    private final Seeder seeder;

    SystemRows(Environment environment, Seeder seeder) {
        this.environment = environment;
        this.seeder = seeder;
    }

    void seed() {
        SystemIds ids = environment.ids();
        String name = environment.name();
        insert("organization", ids.organization(), Map.of("name", name));
        insert("businessunit", ids.rootBusinessUnit(), Map.of("name", name));
        insert("team", ids.defaultTeam(), Map.of("name", name,
                "businessunitid", new Ref("businessunit", ids.rootBusinessUnit()), "teamtype", 0, "isdefault", true));
        user(ids.admin(), "System", "Administrator", "admin@" + name + ".example", ids.rootBusinessUnit(), 0);
        currency(ids.baseCurrency(), "US Dollar", "USD", "$", BigDecimal.ONE);
    }

    void user(UUID id, String first, String last, String domainName, UUID businessUnit, int accessMode) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("firstname", first);
        values.put("lastname", last);
        values.put("fullname", first + " " + last);
        values.put("domainname", domainName);
        values.put("internalemailaddress", domainName);
        values.put("businessunitid", new Ref("businessunit", businessUnit));
        values.put("accessmode", accessMode);
        values.put("isdisabled", false);
        insert("systemuser", id, values);
    }

    void currency(UUID id, String name, String code, String symbol, BigDecimal rate) {
        insert("transactioncurrency", id, Map.of("currencyname", name, "isocurrencycode", code,
                "currencysymbol", symbol, "exchangerate", rate, "currencyprecision", 2));
    }

    void insert(String tableName, UUID id, Map<String, Object> values) {
        seeder.insertKnown(tableName, id, values);
    }
}
