package io.eyrie.api.book;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A runner starts, continues or takes over a job. Answers with {@link JobProgress}; refused once the job has
 * ended, and refused to a runner whose {@code lease} is older than the job's: its work was taken over.
 *
 * @param lease counts the times the job was taken from a runner whose lease lapsed; runners that share one lease
 *              may continue each other's work
 */
public record StartJob(@TargetAggregateIdentifier JobId jobId, String runner, int lease, String driver,
                       boolean simulated) {
}
