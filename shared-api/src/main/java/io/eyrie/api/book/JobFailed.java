package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;

/** A step failed, or timed out; the job stops there. */
public record JobFailed(JobId jobId, DeploymentId deploymentId, String error) {
}
