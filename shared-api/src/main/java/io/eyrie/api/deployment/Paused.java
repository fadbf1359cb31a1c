package io.eyrie.api.deployment;

public record Paused(String deploymentId, String jobId) implements ActionCompleted {
    @Override
    public Lifecycle lifecycle() {
        return Lifecycle.PAUSE;
    }
}
