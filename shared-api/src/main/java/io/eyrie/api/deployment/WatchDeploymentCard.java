package io.eyrie.api.deployment;

/** A subscription to a card: answered with an optional {@link io.eyrie.api.query.LiveView}, then one per change. */
public record WatchDeploymentCard(DeploymentId deploymentId) {
}
