package io.eyrie.api.cluster;

/** A new cluster, in state draft. */
public record ClusterRegistered(ClusterId cluster, String uid, String name, String apiServer, String credentialsRef) {
}
