package io.eyrie.api.repository;

import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;

public record RepositoryRegistered(RepositoryId repository, String url, ProjectId project, GroupType type) {
}
