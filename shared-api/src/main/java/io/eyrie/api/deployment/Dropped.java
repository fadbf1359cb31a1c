package io.eyrie.api.deployment;

public record Dropped(String deploymentId, String jobId) implements ActionCompleted {
    @Override
    public Lifecycle lifecycle() {
        return Lifecycle.DROPPED;
    }
}
