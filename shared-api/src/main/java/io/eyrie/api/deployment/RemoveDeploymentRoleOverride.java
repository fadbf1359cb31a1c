package io.eyrie.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveDeploymentRoleOverride(@TargetAggregateIdentifier DeploymentId deploymentId, String user) {
}
