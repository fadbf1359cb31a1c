package io.eyrie.api.repository;

import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;

/** {@code project} null: platform-wide. {@code type} null: any group type may use it. */
public record RegisterRepository(RepositoryId repository, String url, ProjectId project, GroupType type) {
}
