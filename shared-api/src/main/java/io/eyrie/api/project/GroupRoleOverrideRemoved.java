package io.eyrie.api.project;

public record GroupRoleOverrideRemoved(GroupId group, ProjectId project, String user) {
}
