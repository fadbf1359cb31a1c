package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;

import java.time.Instant;
import java.util.List;

/**
 * What a runner needs to go on with a job: its steps, the first one that has not succeeded, and whether that one
 * was already started (and when), so that its time-out counts from its real start.
 */
public record JobProgress(JobId jobId, DeploymentId deploymentId, String book, String image, JobTarget target,
                          List<JobStep> steps, int nextStep, Instant stepStartedAt) {

    public boolean stepStarted() {
        return stepStartedAt != null;
    }
}
