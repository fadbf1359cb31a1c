package io.eyrie.job;

import io.eyrie.api.book.JobId;

/** Another runner took the job over, because this one let its lease lapse: this one must stop working on it. */
public class JobTakenOverException extends RuntimeException {
    public JobTakenOverException(JobId job, int lease, int current, String holder) {
        super("job " + job.value() + " was taken over by " + holder + " under lease " + current
                + "; this runner holds lease " + lease);
    }
}
