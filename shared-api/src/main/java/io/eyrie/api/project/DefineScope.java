package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds the scope, or replaces the one of that name. */
public record DefineScope(@TargetAggregateIdentifier GroupId group, Scope scope) {
}
