package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveScope(@TargetAggregateIdentifier GroupId group, String scope) {
}
