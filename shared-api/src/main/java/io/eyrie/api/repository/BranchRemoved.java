package io.eyrie.api.repository;

import io.eyrie.api.project.ProjectId;

public record BranchRemoved(RepositoryId repository, ProjectId project, String name) {
}
