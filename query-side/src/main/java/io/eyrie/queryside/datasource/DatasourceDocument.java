package io.eyrie.queryside.datasource;

import io.eyrie.api.datasource.DataType;
import io.eyrie.api.datasource.DatasourceUsage;
import io.eyrie.api.datasource.DatasourceView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

@Document(DatasourceDocument.COLLECTION)
@CompoundIndex(name = "datasources_by_project", def = "{'project': 1, 'name': 1}")
final class DatasourceDocument {
    static final String COLLECTION = "datasources";

    @Id
    String id;
    String project;
    String name;
    DataType dataType;
    DatasourceUsage usage;
    String endpoint;
    String credentialsRef;
    String createdBy;
    Instant createdAt;
    String updatedBy;
    Instant updatedAt;

    static DatasourceDocument withId(String id) {
        DatasourceDocument datasource = new DatasourceDocument();
        datasource.id = id;
        return datasource;
    }

    DatasourceView toView() {
        return new DatasourceView(id, project, name, dataType, usage, endpoint, credentialsRef, createdBy, createdAt,
                updatedBy, updatedAt);
    }
}
