package io.eyrie.api.datasource;

public record FindDatasource(DatasourceId datasource) {
}
