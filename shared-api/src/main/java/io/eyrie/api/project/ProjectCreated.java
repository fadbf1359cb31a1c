package io.eyrie.api.project;

public record ProjectCreated(String slug, String name) {
}
