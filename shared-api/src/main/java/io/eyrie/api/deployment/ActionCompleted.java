package io.eyrie.api.deployment;

/** The running action's Book job succeeded and the deployment moved to {@link #lifecycle()}. */
public sealed interface ActionCompleted permits Initialized, Deployed, Paused, Dropped {
    String deploymentId();

    String jobId();

    Lifecycle lifecycle();
}
