package io.eyrie.api.book;

/**
 * Another runner took the job over, because the one that ran it stopped renewing its lease. It goes on with step
 * {@code step}, which it runs again from the start if it had begun: steps are idempotent. Reports under an older
 * lease are refused from now on.
 */
public record JobResumed(JobId jobId, String runner, String previousRunner, int step, int lease) {
}
