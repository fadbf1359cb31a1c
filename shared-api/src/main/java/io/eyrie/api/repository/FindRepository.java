package io.eyrie.api.repository;

public record FindRepository(RepositoryId repository) {
}
