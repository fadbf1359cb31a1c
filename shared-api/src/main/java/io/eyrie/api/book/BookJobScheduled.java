package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;

/** A Book job waits for a runner. */
public record BookJobScheduled(JobId jobId, DeploymentId deploymentId, Action action, String book, String image) {
}
