package io.eyrie.api.deployment;

/** The running action's Book job failed; the lifecycle stays where it was. */
public record ActionFailed(String deploymentId, String jobId, Action action, String error) {
}
