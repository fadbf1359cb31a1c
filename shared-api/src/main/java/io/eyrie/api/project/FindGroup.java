package io.eyrie.api.project;

public record FindGroup(ProjectId project, String name) {
}
