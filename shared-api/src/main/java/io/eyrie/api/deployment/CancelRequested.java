package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

/** Someone asked to cancel the running job; the job itself records the cancellation. */
public record CancelRequested(DeploymentId deploymentId, JobId jobId, String reason, DeploymentStatus status) {
}
