package io.eyrie.api.project;

public record ProjectMemberAdded(ProjectId project, String user, Role role) {
}
