package io.eyrie.api.project;

import io.eyrie.api.cluster.ClusterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/**
 * Handled by the project, which creates the group; the group's name is unique in its project.
 *
 * @param books a Book per action name ({@code deploy}) that replaces the type's, as {@code name} or {@code name@version}
 */
public record CreateDeploymentGroup(@TargetAggregateIdentifier ProjectId project, GroupId group, String name,
                                    GroupType type, List<ClusterId> clusters, GroupDefaults defaults,
                                    Map<String, String> books, List<Scope> scopes) {
}
