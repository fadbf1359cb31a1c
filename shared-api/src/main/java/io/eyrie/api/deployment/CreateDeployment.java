package io.eyrie.api.deployment;

import io.eyrie.api.project.GroupId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Handled by the deployment group, which creates the deployment with its type; names are unique in a group. */
public record CreateDeployment(@TargetAggregateIdentifier GroupId group, DeploymentId deploymentId, String name,
                               String scope, String image) {
}
