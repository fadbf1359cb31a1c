package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a job that has not finished; a finished job stays as it ended. */
public record CancelJob(@TargetAggregateIdentifier JobId jobId, String reason) {
}
