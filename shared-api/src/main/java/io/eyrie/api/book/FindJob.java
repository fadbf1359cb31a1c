package io.eyrie.api.book;

/** Answered with an optional {@link JobView}. */
public record FindJob(JobId jobId) {
}
