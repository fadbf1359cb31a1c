package io.eyrie.api.datasource;

import io.eyrie.api.project.ProjectId;

public record DatasourceRemoved(DatasourceId datasource, ProjectId project, String name) {
}
