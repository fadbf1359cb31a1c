package io.eyrie.api.deployment;

public record Deployed(String deploymentId, String jobId) implements ActionCompleted {
    @Override
    public Lifecycle lifecycle() {
        return Lifecycle.DEPLOY;
    }
}
