package io.eyrie.api.project;

public record ScopeRemoved(GroupId group, ProjectId project, String scope) {
}
