package io.eyrie.api.datasource;

import io.eyrie.api.project.ProjectId;

/** {@code credentialsRef} names where the credentials are kept, never the secret itself. */
public record RegisterDatasource(DatasourceId datasource, ProjectId project, String name, DataType dataType,
                                 DatasourceUsage usage, String endpoint, String credentialsRef) {
}
