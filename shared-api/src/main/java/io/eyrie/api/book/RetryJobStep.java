package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The running step hit a failure that may pass (the API server is busy, a conflict): try it again later. Answers
 * the attempt this was; after too many the step fails instead, and the answer is 0.
 */
public record RetryJobStep(@TargetAggregateIdentifier JobId jobId, int index, String runner, int lease, String error) {
}
