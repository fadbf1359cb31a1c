package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

/** The same user asked again for an action that already waits in the queue with the same input: one job does both. */
public record ActionMerged(DeploymentId deploymentId, JobId jobId, Action action) {
}
