package io.eyrie.api.project;

public record ProjectRenamed(ProjectId project, String name, String previousName) {
}
