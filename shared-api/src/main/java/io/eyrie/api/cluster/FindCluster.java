package io.eyrie.api.cluster;

public record FindCluster(ClusterId cluster) {
}
