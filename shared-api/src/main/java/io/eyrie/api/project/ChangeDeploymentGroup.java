package io.eyrie.api.project;

import io.eyrie.api.cluster.ClusterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/** Null fields stay as they are. Changed defaults apply to deployments created from then on. */
public record ChangeDeploymentGroup(@TargetAggregateIdentifier GroupId group, List<ClusterId> clusters,
                                    GroupDefaults defaults, Map<String, String> books) {
}
