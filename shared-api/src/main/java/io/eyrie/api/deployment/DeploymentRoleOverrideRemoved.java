package io.eyrie.api.deployment;

import io.eyrie.api.project.ProjectId;

public record DeploymentRoleOverrideRemoved(DeploymentId deploymentId, ProjectId project, String user) {
}
