package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;

/** Answered with the deployment's {@link JobView}s, newest first. */
public record ListDeploymentJobs(DeploymentId deploymentId) {
}
