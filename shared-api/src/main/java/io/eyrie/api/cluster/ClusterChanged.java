package io.eyrie.api.cluster;

public record ClusterChanged(ClusterId cluster, String apiServer, String credentialsRef) {
}
