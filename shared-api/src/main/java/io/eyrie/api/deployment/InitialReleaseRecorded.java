package io.eyrie.api.deployment;

import io.eyrie.api.project.ProjectId;

/** A running deployment was adopted: {@code release} (v1) describes what runs, and it is active and deployed. */
public record InitialReleaseRecorded(DeploymentId deploymentId, ProjectId project, Release release) {
}
