package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

import java.time.Instant;

/** The first waiting action cannot start yet: a freeze holds it until {@code until}; the deployment shows queued. */
public record QueueHeld(DeploymentId deploymentId, JobId jobId, String heldBy, Instant until,
                        DeploymentStatus status) {
}
