package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/**
 * How far the running step's workloads have come, from their replica counts: {@code percent} of the step, in
 * {@code phase} words, and each service's state. Reported by the runner holding the lease; the same report twice
 * changes nothing.
 */
public record ReportJobProgress(@TargetAggregateIdentifier JobId jobId, int index, String runner, int lease,
                                int percent, String phase, Map<String, JobState> services) {
}
