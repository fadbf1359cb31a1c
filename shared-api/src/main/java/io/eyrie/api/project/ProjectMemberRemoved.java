package io.eyrie.api.project;

public record ProjectMemberRemoved(ProjectId project, String user, Role previousRole) {
}
