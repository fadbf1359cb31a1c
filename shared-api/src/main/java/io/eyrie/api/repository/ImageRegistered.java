package io.eyrie.api.repository;

import io.eyrie.api.project.ProjectId;

/** {@code project} is the repository's: null for a platform-wide one. */
public record ImageRegistered(ImageId image, RepositoryId repository, ProjectId project, String name) {
}
