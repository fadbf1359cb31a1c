package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

/** The running action's Book job failed or expired; the lifecycle and the active release stay as they were. */
public record ActionFailed(DeploymentId deploymentId, JobId jobId, Action action, String error,
                           DeploymentStatus status) {
}
