package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

public record InitializeRequested(DeploymentId deploymentId, JobId jobId, String book, String image) implements ActionRequested {
    @Override
    public Action action() {
        return Action.INITIALIZE;
    }
}
