package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Handled by the project, which creates the group. */
public record CreateDeploymentGroup(@TargetAggregateIdentifier String project, String name, GroupType type) {

    public String groupId() {
        return GroupId.of(project, name);
    }
}
