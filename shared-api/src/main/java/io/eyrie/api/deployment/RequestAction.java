package io.eyrie.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ask a deployment to run an action; {@code jobId} names the Book job that will carry it out. */
public record RequestAction(@TargetAggregateIdentifier String deploymentId, Action action, String jobId) {
}
