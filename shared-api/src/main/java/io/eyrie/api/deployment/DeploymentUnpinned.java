package io.eyrie.api.deployment;

/** Image pushes redeploy the deployment again; a rollback had pinned it at {@code release}. */
public record DeploymentUnpinned(DeploymentId deploymentId, int release) {
}
