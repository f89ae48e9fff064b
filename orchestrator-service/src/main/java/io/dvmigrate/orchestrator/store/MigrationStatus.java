package io.dvmigrate.orchestrator.store;

import java.util.Arrays;

/** Where a migration stands, and so what its owner should do next. */
public enum MigrationStatus {
    READY("Ready", "preview the plan, then start a run"),
    PLAN_HAS_ERRORS("PlanHasErrors", "fix the errors the plan preview lists, then run again"),
    CREDENTIALS_REQUIRED("CredentialsRequired", "credentials required: provide the secret its reference names"
            + " (or fix the application registration), then run again"),
    ENVIRONMENT_UNREACHABLE("EnvironmentUnreachable", "check the environment URL and the network, then run again"),
    RUNNING("Running", "follow the run; it can be cancelled"),
    SUCCEEDED("Succeeded", "nothing: the target matches the source"),
    SUCCEEDED_WITH_ERRORS("SucceededWithErrors", "fix the cause of the dead-lettered rows (see the run log), then"
            + " replay them"),
    FAILED("Failed", "read the run's error and log, fix the cause, then run again"),
    CANCELLED("Cancelled", "run again when ready");

    private final String label;
    private final String nextStep;

    MigrationStatus(String label, String nextStep) {
        this.label = label;
        this.nextStep = nextStep;
    }

    public String label() {
        return label;
    }

    public String nextStep() {
        return nextStep;
    }

    public static MigrationStatus of(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst().orElse(READY);
    }
}
