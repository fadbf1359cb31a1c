package io.eyrie.api.book;

/** Answered with the deployment's {@link JobView}s, newest first. */
public record ListDeploymentJobs(String deploymentId) {
}
