package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The running step succeeded ({@code error} null, with a {@code detail}) or failed; refused under an older lease than the job's. */
public record FinishJobStep(@TargetAggregateIdentifier JobId jobId, int index, String runner, int lease,
                            String detail, String error) {
}
