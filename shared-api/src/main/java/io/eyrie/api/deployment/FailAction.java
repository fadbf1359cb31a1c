package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The Book job of the running action failed, or never finished in time. */
public record FailAction(@TargetAggregateIdentifier DeploymentId deploymentId, JobId jobId, String error) {
}
