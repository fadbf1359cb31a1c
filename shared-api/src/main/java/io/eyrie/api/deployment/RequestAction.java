package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ask a deployment to run an action; {@code jobId} names the Book job that will carry it out. */
public record RequestAction(@TargetAggregateIdentifier DeploymentId deploymentId, Action action, JobId jobId) {
}
