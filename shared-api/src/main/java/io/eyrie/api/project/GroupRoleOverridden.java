package io.eyrie.api.project;

public record GroupRoleOverridden(GroupId group, ProjectId project, String user, Role role) {
}
