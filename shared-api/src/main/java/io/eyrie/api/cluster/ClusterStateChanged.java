package io.eyrie.api.cluster;

public record ClusterStateChanged(ClusterId cluster, ClusterAction action, ClusterState from, ClusterState to) {
}
