package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives one project member another role in this group, higher or lower than their project role. */
public record SetGroupRoleOverride(@TargetAggregateIdentifier GroupId group, String user, Role role) {
}
