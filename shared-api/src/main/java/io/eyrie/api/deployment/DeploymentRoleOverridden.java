package io.eyrie.api.deployment;

import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.Role;

public record DeploymentRoleOverridden(DeploymentId deploymentId, ProjectId project, String user, Role role) {
}
