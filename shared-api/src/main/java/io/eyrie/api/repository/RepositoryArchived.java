package io.eyrie.api.repository;

import io.eyrie.api.project.ProjectId;

/** It takes no new branches or images; deployments that use it keep running. */
public record RepositoryArchived(RepositoryId repository, ProjectId project) {
}
