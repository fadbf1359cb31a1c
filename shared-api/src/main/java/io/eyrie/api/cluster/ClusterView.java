package io.eyrie.api.cluster;

import java.time.Instant;
import java.util.List;

public record ClusterView(String slug, String uid, String name, String apiServer, String credentialsRef,
                          ClusterState state, List<ClusterAction> allowedActions, int deployments,
                          String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {
}
