package io.eyrie.api.deployment;

/** Answered with an optional {@link ReleaseView}. */
public record FindRelease(DeploymentId deploymentId, int version) {
}
