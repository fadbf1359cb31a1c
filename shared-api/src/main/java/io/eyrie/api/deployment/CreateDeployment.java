package io.eyrie.api.deployment;

import io.eyrie.api.project.GroupId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Handled by the deployment group, which fills in what {@code settings} leaves out from its defaults and scope,
 * checks it, and creates the deployment; names are unique in a group.
 */
public record CreateDeployment(@TargetAggregateIdentifier GroupId group, DeploymentId deploymentId, String name,
                               DeploymentSettings settings) {
}
