package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

/** The running action's Book job failed; the lifecycle stays where it was. */
public record ActionFailed(DeploymentId deploymentId, JobId jobId, Action action, String error) {
}
