package io.dvmigrate.emulator.environment;

import java.util.UUID;

/**
 * The ids of the rows every environment has. They derive from the environment's name, so two environments differ
 * the way two tenants do.
 */
public record SystemIds(UUID organization, UUID rootBusinessUnit, UUID defaultTeam, UUID admin, UUID baseCurrency) {

    public static SystemIds of(String environment) {
        return new SystemIds(
                Ids.of(environment, "organization"),
                Ids.of(environment, "businessunit", "root"),
                Ids.of(environment, "team", "default"),
                Ids.of(environment, "systemuser", "admin"),
                Ids.of(environment, "transactioncurrency", "USD"));
    }

    /** The systemuser id of an application user in this environment. */
    public static UUID applicationUser(String environment, String clientId) {
        return Ids.of(environment, "systemuser", "application", clientId);
    }

    /** The id of a staff user, from the user's domain name: same person, different id per environment. */
    public static UUID staffUser(String environment, String domainName) {
        return Ids.of(environment, "systemuser", domainName.toLowerCase(java.util.Locale.ROOT));
    }
}
