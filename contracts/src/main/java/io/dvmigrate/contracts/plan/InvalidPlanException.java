package io.dvmigrate.contracts.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan with mistakes: all of them, each naming its path in the file. */
public class InvalidPlanException extends RuntimeException {
    private final List<PlanError> errors;

    public InvalidPlanException(List<PlanError> errors) {
        super(errors.size() + (errors.size() == 1 ? " mistake" : " mistakes") + " in the plan:\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<PlanError> errors() {
        return errors;
    }
}
