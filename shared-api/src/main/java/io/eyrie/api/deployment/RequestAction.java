package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ask a deployment to run an action; {@code jobId} names the Book job that will carry it out. {@code reason} says
 * why, when not a person asked (a timer, an image push). Answered with {@link ActionAccepted}.
 */
public record RequestAction(@TargetAggregateIdentifier DeploymentId deploymentId, Action action, JobId jobId,
                            ActionInput input, String reason) {
    public RequestAction {
        input = input == null ? ActionInput.NONE : input;
    }

    public RequestAction(DeploymentId deploymentId, Action action, JobId jobId) {
        this(deploymentId, action, jobId, ActionInput.NONE, null);
    }
}
