package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts the next step; starting a step that already runs (after a takeover) changes nothing. */
public record StartJobStep(@TargetAggregateIdentifier JobId jobId, int index) {
}
