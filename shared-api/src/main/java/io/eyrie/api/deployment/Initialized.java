package io.eyrie.api.deployment;

public record Initialized(String deploymentId, String jobId) implements ActionCompleted {
    @Override
    public Lifecycle lifecycle() {
        return Lifecycle.INITIALIZE;
    }
}
