package io.dvmigrate.orchestrator.environment;

import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.contracts.plan.Plan;
import io.dvmigrate.orchestrator.store.EnvironmentEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Turns a plan's environment (inline, or a registered one by name) into the reference services connect with. */
@ApplicationScoped
public class EnvironmentResolver {

    /** The reference, or {@link UnresolvedEnvironment} saying why there is none. */
    public EnvironmentRef resolve(String side, Plan.Environment environment) {
        if (environment.registered() != null) {
            EnvironmentEntity registered = EnvironmentEntity.byName(environment.registered())
                    .orElseThrow(() -> new UnresolvedEnvironment(side, "no environment named '" + environment.registered()
                            + "' is registered (POST /api/environments registers one)"));
            return of(registered);
        }
        if (environment.isEmulated()) {
            throw new UnresolvedEnvironment(side, "is emulated ('" + environment.emulated() + "'): emulated environments"
                    + " are served by the local stack, so run this plan with `dvmigrate run`");
        }
        return new EnvironmentRef(side, environment.url(), environment.tenant(), environment.clientId(),
                environment.secret(), environment.authority(), environment.trustCertificate(),
                environment.applicationUsers().stream()
                        .map(u -> new EnvironmentRef.ApplicationUser(u.clientId(), u.secret())).toList());
    }

    public static EnvironmentRef of(EnvironmentEntity entity) {
        List<EnvironmentRef.ApplicationUser> users = entity.applicationUsers == null ? List.of()
                : entity.applicationUsers.stream().map(u -> new EnvironmentRef.ApplicationUser(u.clientId(), u.secretRef())).toList();
        return new EnvironmentRef(entity.name, entity.url, entity.tenant, entity.clientId, entity.secretRef,
                entity.authority, entity.trustCertificate, users);
    }

    /** A plan environment that cannot be used: the message names the side and the reason. */
    public static class UnresolvedEnvironment extends RuntimeException {
        private final String side;

        public UnresolvedEnvironment(String side, String reason) {
            super(side + ": " + reason);
            this.side = side;
        }

        public String side() {
            return side;
        }
    }
}
