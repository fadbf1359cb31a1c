package io.eyrie.api.deployment;

public record PauseRequested(String deploymentId, String jobId, String book, String image) implements ActionRequested {
    @Override
    public Action action() {
        return Action.PAUSE;
    }
}
