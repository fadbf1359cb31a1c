package io.eyrie.queryside.datasource;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.datasource.DatasourceChanged;
import io.eyrie.api.datasource.DatasourceRegistered;
import io.eyrie.api.datasource.DatasourceRemoved;
import io.eyrie.api.datasource.DatasourceView;
import io.eyrie.api.datasource.FindDatasource;
import io.eyrie.api.datasource.ListDatasources;
import io.eyrie.api.query.Page;
import io.eyrie.queryside.ReadModelBatch;
import io.eyrie.queryside.web.Cursors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** A project's datasources; a removed one's document goes. */
@Component
@ProcessingGroup("dashboard-catalog")
public class DatasourceProjection {
    private final MongoTemplate mongo;

    public DatasourceProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(DatasourceRegistered event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        DatasourceDocument datasource = datasources().findOrCreate(event.datasource().value(), DatasourceDocument::withId);
        datasource.project = event.project().value();
        datasource.name = event.name();
        datasource.dataType = event.dataType();
        datasource.usage = event.usage();
        datasource.endpoint = event.endpoint();
        datasource.credentialsRef = event.credentialsRef();
        datasource.createdBy = initiator;
        datasource.createdAt = at;
        datasource.updatedBy = initiator;
        datasource.updatedAt = at;
        datasources().save(datasource);
    }

    @EventHandler
    public void on(DatasourceChanged event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        datasources().find(event.datasource().value()).ifPresent(datasource -> {
            datasource.endpoint = event.endpoint();
            datasource.credentialsRef = event.credentialsRef();
            datasource.updatedBy = initiator;
            datasource.updatedAt = at;
            datasources().save(datasource);
        });
    }

    @EventHandler
    public void on(DatasourceRemoved event) {
        datasources().delete(event.datasource().value());
    }

    @QueryHandler
    public Optional<DatasourceView> handle(FindDatasource query) {
        return Optional.ofNullable(mongo.findById(query.datasource().value(), DatasourceDocument.class))
                .map(DatasourceDocument::toView);
    }

    @QueryHandler
    public Page<DatasourceView> handle(ListDatasources query) {
        String project = query.project().value();
        Query page = Query.query(where("project").is(project)).with(Sort.by("name")).limit(query.page().limit() + 1);
        if (query.page().after() != null) {
            page.addCriteria(where("name").gt(query.page().after()));
        }
        List<DatasourceDocument> found = mongo.find(page, DatasourceDocument.class);
        return Cursors.page(found, query.page().limit(), DatasourceDocument::toView, DatasourceView::name,
                mongo.count(Query.query(where("project").is(project)), DatasourceDocument.class));
    }

    private ReadModelBatch<DatasourceDocument> datasources() {
        return ReadModelBatch.current(mongo, DatasourceDocument.class, datasource -> datasource.id);
    }
}
