package io.eyrie.api.repository;

import io.eyrie.api.project.ProjectId;

public record BranchAdded(RepositoryId repository, ProjectId project, String name) {
}
