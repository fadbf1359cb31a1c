package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Handled by the project, which creates the group; the group's name is unique in its project. */
public record CreateDeploymentGroup(@TargetAggregateIdentifier ProjectId project, GroupId group, String name,
                                    GroupType type) {
}
