package io.eyrie.api.project;

public record ProjectMemberRoleChanged(ProjectId project, String user, Role role, Role previousRole) {
}
