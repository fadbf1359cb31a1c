package io.eyrie.api.repository;

import io.eyrie.api.query.PageRequest;

public record ListRepositoryImages(RepositoryId repository, PageRequest page) {
}
