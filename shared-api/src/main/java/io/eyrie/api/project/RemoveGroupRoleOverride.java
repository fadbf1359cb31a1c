package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveGroupRoleOverride(@TargetAggregateIdentifier GroupId group, String user) {
}
