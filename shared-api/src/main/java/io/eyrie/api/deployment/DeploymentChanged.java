package io.eyrie.api.deployment;

import io.eyrie.api.project.ProjectId;

import java.util.List;

/** A new version: what changed, and the whole spec before and after. Who and when are the event's own. */
public record DeploymentChanged(DeploymentId deploymentId, ProjectId project, int version, List<String> changed,
                                DeploymentSpec before, DeploymentSpec after) {
}
