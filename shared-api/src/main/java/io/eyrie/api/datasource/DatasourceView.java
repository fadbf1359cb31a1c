package io.eyrie.api.datasource;

import java.time.Instant;

public record DatasourceView(String id, String project, String name, DataType dataType, DatasourceUsage usage,
                             String endpoint, String credentialsRef, String createdBy, Instant createdAt,
                             String updatedBy, Instant updatedAt) {
}
