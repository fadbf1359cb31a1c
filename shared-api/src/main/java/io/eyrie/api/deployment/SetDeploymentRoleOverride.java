package io.eyrie.api.deployment;

import io.eyrie.api.project.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives one project member another role on this deployment, higher or lower than in its group. */
public record SetDeploymentRoleOverride(@TargetAggregateIdentifier DeploymentId deploymentId, String user, Role role) {
}
