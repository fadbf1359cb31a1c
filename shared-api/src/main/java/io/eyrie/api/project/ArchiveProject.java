package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The owner archives a project once it has no groups; its slug stays taken and its history readable. */
public record ArchiveProject(@TargetAggregateIdentifier ProjectId project) {
}
