package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record StartBookStep(@TargetAggregateIdentifier RunId runId, int index) {
}
