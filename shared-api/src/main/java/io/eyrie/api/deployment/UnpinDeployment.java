package io.eyrie.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Let image pushes redeploy a deployment again after a rollback pinned it. */
public record UnpinDeployment(@TargetAggregateIdentifier DeploymentId deploymentId) {
}
