package io.eyrie.api.cluster;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ActOnCluster(@TargetAggregateIdentifier ClusterId cluster, ClusterAction action) {
}
