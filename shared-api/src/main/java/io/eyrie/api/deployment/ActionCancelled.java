package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

/**
 * The running action's job was cancelled; the lifecycle stays where it was. {@code status} is {@code cancelling}
 * when a job restoring the active release follows, else {@code cancelled}.
 */
public record ActionCancelled(DeploymentId deploymentId, JobId jobId, Action action, String reason,
                              DeploymentStatus status) {
}
