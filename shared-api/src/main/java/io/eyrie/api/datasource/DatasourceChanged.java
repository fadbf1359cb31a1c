package io.eyrie.api.datasource;

import io.eyrie.api.project.ProjectId;

public record DatasourceChanged(DatasourceId datasource, ProjectId project, String endpoint, String credentialsRef) {
}
