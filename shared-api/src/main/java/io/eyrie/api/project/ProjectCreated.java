package io.eyrie.api.project;

public record ProjectCreated(ProjectId project, String name) {
}
