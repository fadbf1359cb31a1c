package io.eyrie.queryside.deployment;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.deployment.DeploymentChanged;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.ListDeploymentVersions;
import io.eyrie.api.deployment.VersionView;
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

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Every version of every deployment: who changed which fields when, with the spec before and after. */
@Component
@ProcessingGroup("dashboard-deployments")
public class VersionProjection {
    private final MongoTemplate mongo;

    public VersionProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(DeploymentCreated event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @MetaDataValue(AuditMetaData.CORRELATION_ID) String correlationId, @Timestamp Instant at) {
        VersionDocument version = VersionDocument.of(event.deploymentId().value(), 1);
        version.changed = setFields(event.spec());
        version.after = event.spec();
        record(version, initiator, correlationId, at);
    }

    @EventHandler
    public void on(DeploymentChanged event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @MetaDataValue(AuditMetaData.CORRELATION_ID) String correlationId, @Timestamp Instant at) {
        VersionDocument version = VersionDocument.of(event.deploymentId().value(), event.version());
        version.changed = event.changed();
        version.before = event.before();
        version.after = event.after();
        record(version, initiator, correlationId, at);
    }

    /** Newest first; the cursor is the last version shown. */
    @QueryHandler
    public Page<VersionView> handle(ListDeploymentVersions query) {
        String deployment = query.deploymentId().value();
        Query versions = Query.query(where("deploymentId").is(deployment))
                .with(Sort.by(Sort.Order.desc("version"))).limit(query.page().limit() + 1);
        if (query.page().after() != null) {
            versions.addCriteria(where("version").lt(Cursors.number(query.page().after())));
        }
        List<VersionDocument> found = mongo.find(versions, VersionDocument.class);
        return Cursors.page(found, query.page().limit(), VersionDocument::toView,
                version -> String.valueOf(version.version()),
                mongo.count(Query.query(where("deploymentId").is(deployment)), VersionDocument.class));
    }

    /** Version 1 lists the fields the deployment was created with: those that have a value. */
    static List<String> setFields(DeploymentSpec spec) {
        var empty = new DeploymentSpec(null, List.of(), null, null, null, null, List.of(), java.util.Map.of(), null);
        return empty.differences(spec);
    }

    private void record(VersionDocument version, String initiator, String correlationId, Instant at) {
        version.changedBy = initiator;
        version.changedAt = at;
        version.correlationId = correlationId;
        ReadModelBatch.current(mongo, VersionDocument.class, document -> document.id).save(version);
    }
}
