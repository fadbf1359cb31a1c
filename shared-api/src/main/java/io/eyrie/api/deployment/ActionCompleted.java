package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

import java.time.Instant;

/**
 * The running action's Book job succeeded: the deployment moved to {@code lifecycle}, and for a deploy the release
 * it deployed became the active one ({@code activeRelease}; null once dropped). {@code pauseAt} and {@code dropAt}
 * are when its scope's timers pause and drop it, counted from its last deploy; null when none runs.
 */
public record ActionCompleted(DeploymentId deploymentId, JobId jobId, Action action, Lifecycle lifecycle,
                              Integer activeRelease, DeploymentStatus status, Instant pauseAt, Instant dropAt) {
}
