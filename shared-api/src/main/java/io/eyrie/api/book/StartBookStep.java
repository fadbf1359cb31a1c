package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record StartBookStep(@TargetAggregateIdentifier String runId, int index) {
}
