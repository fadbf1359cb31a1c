package io.eyrie.api.project;

import io.eyrie.api.repository.RepositoryId;

/** What a new deployment of the group takes unless it says otherwise; any field may be null. */
public record GroupDefaults(RepositoryId repository, String branch, String image, Strategy strategy) {
    public static final GroupDefaults NONE = new GroupDefaults(null, null, null, Strategy.ROLLING);
}
