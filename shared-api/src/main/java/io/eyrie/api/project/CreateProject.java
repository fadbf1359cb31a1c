package io.eyrie.api.project;

public record CreateProject(String slug, String name) {
}
