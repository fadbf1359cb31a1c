package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import io.eyrie.api.project.ProjectId;

/**
 * An action waits its turn behind the deployment's running job (or a window), first in, first out. Its job gets
 * {@code jobId} when it starts.
 *
 * @param heldBy    what it waits for, in words
 * @param heldUntil when the freeze it waits for ends, or null when it waits for a job
 */
public record ActionQueued(DeploymentId deploymentId, ProjectId project, JobId jobId, Action action,
                           ActionInput input, String reason, String heldBy, DeploymentStatus status,
                           java.time.Instant heldUntil) {
}
