package io.eyrie.queryside.cluster;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.cluster.ClusterChanged;
import io.eyrie.api.cluster.ClusterRegistered;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.cluster.ClusterStateChanged;
import io.eyrie.api.cluster.ClusterView;
import io.eyrie.api.cluster.FindCluster;
import io.eyrie.api.cluster.ListClusters;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.query.Page;
import io.eyrie.queryside.ReadModelBatch;
import io.eyrie.queryside.rebuild.ReadModelTemplate;
import io.eyrie.queryside.web.Cursors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Clusters and their state; how many living deployments use one is counted from the cards when it is read. */
@Component
@ProcessingGroup("dashboard-catalog")
public class ClusterProjection {
    private final MongoTemplate mongo;

    public ClusterProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(ClusterRegistered event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        ClusterDocument cluster = clusters().findOrCreate(event.cluster().value(), ClusterDocument::withSlug);
        cluster.uid = event.uid();
        cluster.name = event.name();
        cluster.apiServer = event.apiServer();
        cluster.credentialsRef = event.credentialsRef();
        if (cluster.state == null) {
            cluster.state = ClusterState.DRAFT;
        }
        cluster.createdBy = initiator;
        cluster.createdAt = at;
        cluster.updatedBy = initiator;
        cluster.updatedAt = at;
        clusters().save(cluster);
    }

    @EventHandler
    public void on(ClusterChanged event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.cluster().value(), initiator, at, cluster -> {
            cluster.apiServer = event.apiServer();
            cluster.credentialsRef = event.credentialsRef();
        });
    }

    @EventHandler
    public void on(ClusterStateChanged event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.cluster().value(), initiator, at, cluster -> cluster.state = event.to());
    }

    @QueryHandler
    public Optional<ClusterView> handle(FindCluster query) {
        return Optional.ofNullable(mongo.findById(query.cluster().value(), ClusterDocument.class)).map(this::view);
    }

    @QueryHandler
    public Page<ClusterView> handle(ListClusters query) {
        Criteria filter = query.state() == null ? new Criteria() : where("state").is(query.state().name());
        Query page = Query.query(filter).with(Sort.by("_id")).limit(query.page().limit() + 1);
        if (query.page().after() != null) {
            page.addCriteria(where("_id").gt(query.page().after()));
        }
        List<ClusterDocument> found = mongo.find(page, ClusterDocument.class);
        return Cursors.page(found, query.page().limit(), this::view, ClusterView::slug,
                mongo.count(Query.query(filter), ClusterDocument.class));
    }

    private ClusterView view(ClusterDocument cluster) {
        long using = mongo.count(Query.query(where("spec.clusters").is(cluster.slug)
                .and("lifecycle").ne(Lifecycle.DROPPED.name())), ReadModelTemplate.collection(mongo, "deployment_cards"));
        return cluster.toView((int) using);
    }

    private void change(String slug, String initiator, Instant at, Consumer<ClusterDocument> edit) {
        clusters().find(slug).ifPresent(cluster -> {
            edit.accept(cluster);
            cluster.updatedBy = initiator;
            cluster.updatedAt = at;
            clusters().save(cluster);
        });
    }

    private ReadModelBatch<ClusterDocument> clusters() {
        return ReadModelBatch.current(mongo, ClusterDocument.class, cluster -> cluster.slug);
    }
}
