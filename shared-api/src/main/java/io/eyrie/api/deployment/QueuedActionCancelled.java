package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

/** A queued action was cancelled before it started; it never makes a job. */
public record QueuedActionCancelled(DeploymentId deploymentId, JobId jobId, Action action, String reason,
                                    DeploymentStatus status) {
}
