package io.dvmigrate.orchestrator.planning;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.TableJob.Principal;
import io.dvmigrate.contracts.TableJob.PrincipalMap;
import io.dvmigrate.contracts.plan.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Users, teams, business units and currencies differ between tenants: they are mapped, never migrated. Users map by
 * the plan's explicit pairs, then by domain name or email; teams and business units by name (the root business unit
 * to the root, the default team to the default team); currencies by ISO code. A user or team without counterpart
 * goes to the fallback owner, or the rows that point to it are dead-lettered.
 */
final class PrincipalMapping {
    static final String USERS = "systemusers";
    static final String TEAMS = "teams";
    static final String BUSINESS_UNITS = "businessunits";
    static final String CURRENCIES = "transactioncurrencies";

    /**
     * @param owners        source user or team id → target user or team, for owner and user lookups
     * @param businessUnits source business unit id → target business unit
     * @param summary       what the preview shows
     */
    record Result(PrincipalMap owners, PrincipalMap businessUnits, PrincipalMap currencies,
            CompiledPlan.UserMapping summary, List<Finding> findings) {
    }

    private record Person(String id, String table, String entitySet, String domainName, String email, String name) {
        Principal principal() {
            return new Principal(table, entitySet, id);
        }

        String label() {
            return domainName != null ? domainName : email != null ? email : name != null ? name : id;
        }
    }

    private PrincipalMapping() {
    }

    static Result map(Plan.Users plan, EnvironmentCatalog source, EnvironmentCatalog target) {
        List<Finding> findings = new ArrayList<>();
        List<Person> sourceUsers = users(source);
        List<Person> targetUsers = users(target);
        List<Person> sourceTeams = teams(source);
        List<Person> targetTeams = teams(target);

        Map<String, Principal> owners = new LinkedHashMap<>();
        plan.map().forEach((from, to) -> {
            Optional<Person> sourcePerson = find(from, sourceUsers, sourceTeams);
            Optional<Person> targetPerson = find(to, targetUsers, targetTeams);
            if (sourcePerson.isEmpty()) {
                findings.add(Finding.error("users.map." + from, "no user or team '" + from
                        + "' (id, domain name, email or team name) in the source"));
            }
            if (targetPerson.isEmpty()) {
                findings.add(Finding.error("users.map." + from, "no user or team '" + to + "' in the target"));
            }
            if (sourcePerson.isPresent() && targetPerson.isPresent()) {
                owners.put(sourcePerson.get().id(), targetPerson.get().principal());
            }
        });
        if (plan.match() != Plan.UserMatch.NONE) {
            Map<String, Person> byKey = index(targetUsers, plan.match());
            for (Person user : sourceUsers) {
                String key = key(user, plan.match());
                if (!owners.containsKey(user.id()) && key != null && byKey.containsKey(key)) {
                    owners.put(user.id(), byKey.get(key).principal());
                }
            }
        }
        Map<String, Person> targetTeamsByName = byName(targetTeams);
        defaultTeam(target).ifPresent(targetDefault -> defaultTeam(source).filter(id -> !owners.containsKey(id))
                .ifPresent(sourceDefault -> owners.put(sourceDefault, new Principal("team", TEAMS, targetDefault))));
        for (Person team : sourceTeams) {
            if (!owners.containsKey(team.id()) && team.name() != null
                    && targetTeamsByName.containsKey(team.name().toLowerCase(Locale.ROOT))) {
                owners.put(team.id(), targetTeamsByName.get(team.name().toLowerCase(Locale.ROOT)).principal());
            }
        }

        Principal fallback = null;
        if (plan.fallbackOwner() != null) {
            Optional<Person> owner = find(plan.fallbackOwner(), targetUsers, targetTeams);
            if (owner.isEmpty()) {
                findings.add(Finding.error("users.fallbackOwner", "no user or team '" + plan.fallbackOwner()
                        + "' (id, domain name, email or team name) in the target"));
            } else {
                fallback = owner.get().principal();
            }
        }

        List<String> unmapped = new ArrayList<>();
        for (Person person : concat(sourceUsers, sourceTeams)) {
            if (!owners.containsKey(person.id())) {
                unmapped.add(person.label());
            }
        }
        if (!unmapped.isEmpty()) {
            String who = unmapped.size() + " source users and teams have no counterpart in the target ("
                    + String.join(", ", unmapped.subList(0, Math.min(10, unmapped.size())))
                    + (unmapped.size() > 10 ? ", …" : "") + ")";
            findings.add(Finding.warning("users", fallback != null
                    ? who + ": what they own goes to the fallback owner " + plan.fallbackOwner()
                    : who + ": rows that point to them are dead-lettered; set users.fallbackOwner to keep them"));
        }

        Map<String, Principal> units = businessUnits(source, target);
        Principal rootUnit = root(target);
        int businessUnits = source.rows(BUSINESS_UNITS, "businessunitid").size();
        CompiledPlan.UserMapping summary = new CompiledPlan.UserMapping(plan.match().name().toLowerCase(Locale.ROOT), sourceUsers.size(),
                (int) sourceUsers.stream().filter(u -> owners.containsKey(u.id())).count(), sourceTeams.size(),
                (int) sourceTeams.stream().filter(t -> owners.containsKey(t.id())).count(), businessUnits, units.size(),
                plan.fallbackOwner(), List.copyOf(unmapped.subList(0, Math.min(20, unmapped.size()))));
        return new Result(new PrincipalMap(owners, fallback), new PrincipalMap(units, rootUnit),
                new PrincipalMap(currencies(source, target), null), summary, findings);
    }

    /** The default team of the root business unit (every environment has one, named after its organization). */
    private static Optional<String> defaultTeam(EnvironmentCatalog catalog) {
        Principal root = root(catalog);
        for (JsonNode team : catalog.rows(TEAMS, "teamid", "isdefault", "_businessunitid_value")) {
            if (team.path("isdefault").asBoolean(false) && root != null
                    && root.id().equalsIgnoreCase(text(team, "_businessunitid_value"))) {
                return Optional.ofNullable(text(team, "teamid"));
            }
        }
        return Optional.empty();
    }

    /** Currencies by ISO code, else by name. */
    private static Map<String, Principal> currencies(EnvironmentCatalog source, EnvironmentCatalog target) {
        Map<String, String> targetByKey = new HashMap<>();
        for (JsonNode currency : target.rows(CURRENCIES, "transactioncurrencyid", "isocurrencycode", "currencyname")) {
            String id = text(currency, "transactioncurrencyid");
            for (String key : new String[] {lower(text(currency, "isocurrencycode")), "name:" + lower(text(currency, "currencyname"))}) {
                if (id != null && key != null && !key.equals("name:null")) {
                    targetByKey.putIfAbsent(key, id);
                }
            }
        }
        Map<String, Principal> map = new LinkedHashMap<>();
        for (JsonNode currency : source.rows(CURRENCIES, "transactioncurrencyid", "isocurrencycode", "currencyname")) {
            String id = text(currency, "transactioncurrencyid");
            String match = targetByKey.getOrDefault(lower(text(currency, "isocurrencycode")),
                    targetByKey.get("name:" + lower(text(currency, "currencyname"))));
            if (id != null && match != null) {
                map.put(id, new Principal("transactioncurrency", CURRENCIES, match));
            }
        }
        return map;
    }

    private static List<Person> users(EnvironmentCatalog catalog) {
        List<Person> users = new ArrayList<>();
        for (JsonNode row : catalog.rows(USERS, "systemuserid", "domainname", "internalemailaddress", "fullname")) {
            if (text(row, "systemuserid") == null) {
                continue;
            }
            users.add(new Person(text(row, "systemuserid"), "systemuser", USERS, text(row, "domainname"),
                    text(row, "internalemailaddress"), text(row, "fullname")));
        }
        return users;
    }

    private static List<Person> teams(EnvironmentCatalog catalog) {
        List<Person> teams = new ArrayList<>();
        for (JsonNode row : catalog.rows(TEAMS, "teamid", "name")) {
            if (text(row, "teamid") == null) {
                continue;
            }
            teams.add(new Person(text(row, "teamid"), "team", TEAMS, null, null, text(row, "name")));
        }
        return teams;
    }

    /** Business units by name; the root (no parent) maps to the target's root. */
    private static Map<String, Principal> businessUnits(EnvironmentCatalog source, EnvironmentCatalog target) {
        List<JsonNode> targetUnits = target.rows(BUSINESS_UNITS, "businessunitid", "name", "_parentbusinessunitid_value");
        Map<String, String> targetByName = new HashMap<>();
        for (JsonNode unit : targetUnits) {
            if (text(unit, "name") != null) {
                targetByName.put(text(unit, "name").toLowerCase(Locale.ROOT), text(unit, "businessunitid"));
            }
        }
        Principal targetRoot = root(target);
        Map<String, Principal> map = new LinkedHashMap<>();
        for (JsonNode unit : source.rows(BUSINESS_UNITS, "businessunitid", "name", "_parentbusinessunitid_value")) {
            String id = text(unit, "businessunitid");
            String name = text(unit, "name");
            if (id == null) {
                continue;
            }
            if (text(unit, "_parentbusinessunitid_value") == null && targetRoot != null) {
                map.put(id, targetRoot);
            } else if (name != null && targetByName.containsKey(name.toLowerCase(Locale.ROOT))) {
                map.put(id, new Principal("businessunit", BUSINESS_UNITS, targetByName.get(name.toLowerCase(Locale.ROOT))));
            }
        }
        return map;
    }

    private static Principal root(EnvironmentCatalog catalog) {
        for (JsonNode unit : catalog.rows(BUSINESS_UNITS, "businessunitid", "_parentbusinessunitid_value")) {
            if (text(unit, "_parentbusinessunitid_value") == null) {
                return new Principal("businessunit", BUSINESS_UNITS, text(unit, "businessunitid"));
            }
        }
        return null;
    }

    /** A user by id, domain name or email, or a team by id or name. */
    private static Optional<Person> find(String key, List<Person> users, List<Person> teams) {
        String wanted = key.toLowerCase(Locale.ROOT);
        for (Person person : concat(users, teams)) {
            if (wanted.equals(lower(person.id())) || wanted.equals(lower(person.domainName()))
                    || wanted.equals(lower(person.email())) || ("team".equals(person.table()) && wanted.equals(lower(person.name())))) {
                return Optional.of(person);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Person> index(List<Person> users, Plan.UserMatch match) {
        Map<String, Person> index = new HashMap<>();
        for (Person user : users) {
            String key = key(user, match);
            if (key != null) {
                index.putIfAbsent(key, user);
            }
        }
        return index;
    }

    private static Map<String, Person> byName(List<Person> teams) {
        Map<String, Person> index = new HashMap<>();
        teams.stream().filter(t -> t.name() != null).forEach(t -> index.putIfAbsent(t.name().toLowerCase(Locale.ROOT), t));
        return index;
    }

    private static String key(Person user, Plan.UserMatch match) {
        return lower(match == Plan.UserMatch.EMAIL ? user.email() : user.domainName());
    }

    private static List<Person> concat(List<Person> a, List<Person> b) {
        List<Person> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
