package io.eyrie.api.datasource;

import io.eyrie.api.project.ProjectId;

public record DatasourceRegistered(DatasourceId datasource, ProjectId project, String name, DataType dataType,
                                   DatasourceUsage usage, String endpoint, String credentialsRef) {
}
