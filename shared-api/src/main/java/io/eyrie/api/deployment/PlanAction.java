package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A dry run of {@link RequestAction}: answered with an {@link ActionPlan}, recording nothing. {@code job} is the job
 * a cancel names, or null.
 */
public record PlanAction(@TargetAggregateIdentifier DeploymentId deploymentId, Action action, ActionInput input,
                         JobId job) {
    public PlanAction {
        input = input == null ? ActionInput.NONE : input;
    }
}
