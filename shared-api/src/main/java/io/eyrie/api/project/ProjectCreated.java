package io.eyrie.api.project;

/** The owner is also the project's first member, an admin. */
public record ProjectCreated(ProjectId project, String name, String owner, ProjectNamespace namespace) {
}
