package io.eyrie.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Null fields of {@code settings} stay as they are. */
public record ChangeDeployment(@TargetAggregateIdentifier DeploymentId deploymentId, DeploymentSettings settings) {
}
