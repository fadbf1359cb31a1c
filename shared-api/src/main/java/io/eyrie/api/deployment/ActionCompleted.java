package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

/**
 * The running action's Book job succeeded: the deployment moved to {@code lifecycle}, and for a deploy the release
 * it deployed became the active one ({@code activeRelease}; null once dropped).
 */
public record ActionCompleted(DeploymentId deploymentId, JobId jobId, Action action, Lifecycle lifecycle,
                              Integer activeRelease, DeploymentStatus status) {
}
