package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The running action's job was cancelled. */
public record RecordCancellation(@TargetAggregateIdentifier DeploymentId deploymentId, JobId jobId, String reason) {
}
