package io.eyrie.api.repository;

import io.eyrie.api.project.ProjectId;

public record ImagePushed(ImageId image, RepositoryId repository, ProjectId project, String tag, String digest) {
}
