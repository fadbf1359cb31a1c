package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.project.ProjectId;

/** A Book job waits for a runner. */
public record BookJobScheduled(JobId jobId, DeploymentId deploymentId, ProjectId project, Action action, String book, String image) {
}
