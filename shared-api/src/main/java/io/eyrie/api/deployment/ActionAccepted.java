package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

/**
 * How a deployment took an action: started ({@code queued} false), queued behind a job, merged into an identical
 * queued request of the same user (then {@code jobId} is that request's), or, for a redeploy with nothing to change,
 * nothing at all ({@code changed} false and no job).
 */
public record ActionAccepted(JobId jobId, boolean queued, boolean merged, boolean changed) {
    public static ActionAccepted started(JobId jobId) {
        return new ActionAccepted(jobId, false, false, true);
    }
}
