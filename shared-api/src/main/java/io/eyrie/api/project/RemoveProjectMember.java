package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a member. */
public record RemoveProjectMember(@TargetAggregateIdentifier ProjectId project, String user) {
}
