package io.dvmigrate.contracts;

import java.util.List;

/**
 * How a service reaches a Dataverse environment. It carries secret <em>references</em> ({@code env:VAR},
 * {@code file:PATH}) that each service resolves in its own environment, never a secret.
 *
 * @param name             the environment's name in the plan, e.g. {@code source}
 * @param url              the environment URL, e.g. {@code https://contoso.crm4.dynamics.com}
 * @param tenant           the Entra ID tenant
 * @param clientId         the application (client) id of the application user
 * @param secretRef        where the client secret is found
 * @param authority        the token authority; null for {@code https://login.microsoftonline.com/<tenant>}
 * @param trustCertificate a PEM file to trust for a local HTTPS authority (the emulator's); null otherwise
 * @param extraUsers       more application users to spread the load over
 */
public record EnvironmentRef(
        String name,
        String url,
        String tenant,
        String clientId,
        String secretRef,
        String authority,
        String trustCertificate,
        List<ApplicationUser> extraUsers) {

    public EnvironmentRef {
        extraUsers = extraUsers == null ? List.of() : List.copyOf(extraUsers);
    }

    /** Another application user of the same environment. */
    public record ApplicationUser(String clientId, String secretRef) {
    }
}
