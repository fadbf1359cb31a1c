package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.project.ProjectId;

/** Creates the Book job {@code jobId}; sent by the saga that coordinates the deployment's action. */
public record ScheduleBookJob(JobId jobId, DeploymentId deploymentId, ProjectId project, Action action, String book, String image) {
}
