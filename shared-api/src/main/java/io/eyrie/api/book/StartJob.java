package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A runner starts, continues or takes over a job. Answers with {@link JobProgress}; refused once the job has
 * finished, been cancelled or expired.
 */
public record StartJob(@TargetAggregateIdentifier JobId jobId, String runner, String driver, boolean simulated) {
}
