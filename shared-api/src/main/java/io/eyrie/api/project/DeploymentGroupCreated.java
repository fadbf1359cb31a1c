package io.eyrie.api.project;

public record DeploymentGroupCreated(GroupId group, ProjectId project, String name, GroupType type) {
}
