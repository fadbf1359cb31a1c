package io.eyrie.job;

import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobState;

/** The job has succeeded, failed, been cancelled or expired: a runner must stop working on it. */
public class JobEndedException extends RuntimeException {
    private final JobState state;

    public JobEndedException(JobId job, JobState state) {
        super("job " + job.value() + " has ended: " + state.wire());
        this.state = state;
    }

    public JobState state() {
        return state;
    }
}
