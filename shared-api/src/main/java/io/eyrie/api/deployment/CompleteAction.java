package io.eyrie.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The Book job of the running action succeeded. */
public record CompleteAction(@TargetAggregateIdentifier String deploymentId, String jobId) {
}
