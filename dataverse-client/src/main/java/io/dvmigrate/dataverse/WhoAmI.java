package io.dvmigrate.dataverse;

/** Who the client is in the environment: the answer of {@code GET WhoAmI}. */
public record WhoAmI(String userId, String businessUnitId, String organizationId) {
}
