package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a member or changes a member's role. */
public record SetProjectMember(@TargetAggregateIdentifier ProjectId project, String user, Role role) {
}
