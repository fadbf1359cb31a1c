package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The Book job of the running action succeeded. */
public record CompleteAction(@TargetAggregateIdentifier DeploymentId deploymentId, JobId jobId) {
}
