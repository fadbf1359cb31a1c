package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;

/** Every step succeeded. */
public record JobSucceeded(JobId jobId, DeploymentId deploymentId) {
}
