package io.eyrie.api.project;

/** {@code owner} is the caller who creates it; {@code namespaceUid} is a fresh UUID. */
public record CreateProject(ProjectId project, String name, String owner, String namespaceUid) {
}
