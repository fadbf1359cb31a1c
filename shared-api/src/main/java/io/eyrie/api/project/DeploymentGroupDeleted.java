package io.eyrie.api.project;

/** The group's name is free again. */
public record DeploymentGroupDeleted(GroupId group, ProjectId project, String name) {
}
