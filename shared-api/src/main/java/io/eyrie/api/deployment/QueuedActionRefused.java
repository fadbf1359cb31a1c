package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

import java.util.List;

/**
 * When its turn came, a queued action was no longer allowed (the job before it dropped the deployment, or failed);
 * it never makes a job. {@code allowedActions} is what the table allowed then.
 */
public record QueuedActionRefused(DeploymentId deploymentId, JobId jobId, Action action, String reason,
                                  List<Action> allowedActions, DeploymentStatus status) {
}
