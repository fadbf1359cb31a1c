package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Renames the project. */
public record RenameProject(@TargetAggregateIdentifier ProjectId project, String name) {
}
