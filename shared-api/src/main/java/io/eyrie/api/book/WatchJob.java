package io.eyrie.api.book;

/** A subscription to a job: answered with an optional {@link io.eyrie.api.query.LiveView}, then one per change. */
public record WatchJob(JobId jobId) {
}
