package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

public record Paused(DeploymentId deploymentId, JobId jobId) implements ActionCompleted {
    @Override
    public Lifecycle lifecycle() {
        return Lifecycle.PAUSE;
    }
}
