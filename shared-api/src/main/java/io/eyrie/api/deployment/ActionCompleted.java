package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

/** The running action's Book job succeeded and the deployment moved to {@link #lifecycle()}. */
public sealed interface ActionCompleted permits Initialized, Deployed, Paused, Dropped {
    DeploymentId deploymentId();

    JobId jobId();

    Lifecycle lifecycle();
}
