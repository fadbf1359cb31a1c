package io.eyrie.api.deployment;

import io.eyrie.api.project.ProjectId;

/** A deploy made a new release; it becomes active only when its job succeeds. */
public record ReleaseRecorded(DeploymentId deploymentId, ProjectId project, Release release) {
}
