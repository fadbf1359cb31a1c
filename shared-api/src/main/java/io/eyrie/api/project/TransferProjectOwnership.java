package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes another user the owner; the previous owner stays an admin. */
public record TransferProjectOwnership(@TargetAggregateIdentifier ProjectId project, String newOwner) {
}
