package io.eyrie.api.deployment;

/** An action was accepted and its Book job must run. {@code book} is the type-dispatched book name. */
public sealed interface ActionRequested
        permits InitializeRequested, DeployRequested, PauseRequested, DropRequested {
    String deploymentId();

    String jobId();

    String book();

    String image();

    Action action();
}
