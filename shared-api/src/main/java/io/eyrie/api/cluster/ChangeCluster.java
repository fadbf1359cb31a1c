package io.eyrie.api.cluster;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Null fields stay as they are. */
public record ChangeCluster(@TargetAggregateIdentifier ClusterId cluster, String apiServer, String credentialsRef) {
}
