package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancel the running job; {@code jobId}, when given, must be that job. */
public record RequestCancel(@TargetAggregateIdentifier DeploymentId deploymentId, JobId jobId) {
}
