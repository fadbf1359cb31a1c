package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts the next step; starting a step that already runs (after a takeover) changes nothing. Refused under an
 * older lease than the job's, so a runner whose work was taken over can no longer report.
 */
public record StartJobStep(@TargetAggregateIdentifier JobId jobId, int index, String runner, int lease) {
}
