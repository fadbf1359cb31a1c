package io.eyrie.api.cluster;

import io.eyrie.api.query.PageRequest;

/** Clusters by slug; {@code state} null for all. */
public record ListClusters(ClusterState state, PageRequest page) {
}
