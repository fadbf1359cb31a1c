package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import io.eyrie.api.project.ProjectId;

public record PauseRequested(DeploymentId deploymentId, ProjectId project, JobId jobId, String book, String image) implements ActionRequested {
    @Override
    public Action action() {
        return Action.PAUSE;
    }
}
