package io.eyrie.api.project;

public record CreateProject(ProjectId project, String name) {
}
