package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

public record Deployed(DeploymentId deploymentId, JobId jobId) implements ActionCompleted {
    @Override
    public Lifecycle lifecycle() {
        return Lifecycle.DEPLOY;
    }
}
