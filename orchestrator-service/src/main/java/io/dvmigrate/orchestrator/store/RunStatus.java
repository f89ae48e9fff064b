package io.dvmigrate.orchestrator.store;

import java.util.Arrays;

/** Pending → Planning → Running → Verifying → Succeeded | SucceededWithErrors | Failed | Cancelled. */
public enum RunStatus {
    PENDING("Pending"),
    PLANNING("Planning"),
    RUNNING("Running"),
    VERIFYING("Verifying"),
    SUCCEEDED("Succeeded"),
    SUCCEEDED_WITH_ERRORS("SucceededWithErrors"),
    FAILED("Failed"),
    CANCELLED("Cancelled");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == SUCCEEDED_WITH_ERRORS || this == FAILED || this == CANCELLED;
    }

    public static RunStatus of(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown run status " + label));
    }
}
