package io.eyrie.api.deployment;

import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;

public record DeploymentCreated(DeploymentId deploymentId, ProjectId project, GroupId group, String groupName,
                                GroupType type, String name, String scope, String image) {
}
