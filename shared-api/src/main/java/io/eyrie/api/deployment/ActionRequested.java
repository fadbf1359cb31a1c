package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import io.eyrie.api.project.ProjectId;

/** An action was accepted and its Book job must run. {@code book} is the type-dispatched book name. */
public sealed interface ActionRequested
        permits InitializeRequested, DeployRequested, PauseRequested, DropRequested {
    DeploymentId deploymentId();

    ProjectId project();

    JobId jobId();

    String book();

    String image();

    Action action();
}
