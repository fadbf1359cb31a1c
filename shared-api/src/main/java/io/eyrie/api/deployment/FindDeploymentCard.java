package io.eyrie.api.deployment;

/** Answered with an optional {@link DeploymentCard}. */
public record FindDeploymentCard(DeploymentId deploymentId) {
}
