package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reports a step's outcome: {@code error} is null when it succeeded. */
public record FinishBookStep(@TargetAggregateIdentifier RunId runId, int index, String detail, String error) {
}
