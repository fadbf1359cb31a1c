package io.eyrie.queryside.cluster;

import io.eyrie.api.cluster.ClusterAction;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.cluster.ClusterView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

@Document(ClusterDocument.COLLECTION)
@CompoundIndex(name = "clusters_by_state", def = "{'state': 1, '_id': 1}")
final class ClusterDocument {
    static final String COLLECTION = "clusters";

    @Id
    String slug;
    String uid;
    String name;
    String apiServer;
    String credentialsRef;
    ClusterState state;
    String createdBy;
    Instant createdAt;
    String updatedBy;
    Instant updatedAt;

    static ClusterDocument withSlug(String slug) {
        ClusterDocument cluster = new ClusterDocument();
        cluster.slug = slug;
        return cluster;
    }

    ClusterView toView(int deployments) {
        return new ClusterView(slug, uid, name, apiServer, credentialsRef, state, ClusterAction.allowedIn(state),
                deployments, createdBy, createdAt, updatedBy, updatedAt);
    }
}
