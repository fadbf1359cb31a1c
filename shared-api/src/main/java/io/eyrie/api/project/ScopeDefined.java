package io.eyrie.api.project;

/** {@code previous} is null when the scope is new. */
public record ScopeDefined(GroupId group, ProjectId project, Scope scope, Scope previous) {
}
