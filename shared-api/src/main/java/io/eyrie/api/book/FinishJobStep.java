package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The running step succeeded ({@code error} null, with a {@code detail}) or failed. */
public record FinishJobStep(@TargetAggregateIdentifier JobId jobId, int index, String detail, String error) {
}
