package io.eyrie.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The Book job of the running action failed, or never finished in time. */
public record FailAction(@TargetAggregateIdentifier String deploymentId, String jobId, String error) {
}
