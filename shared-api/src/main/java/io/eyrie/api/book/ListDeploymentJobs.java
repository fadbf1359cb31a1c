package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.query.PageRequest;

/** Answered with a page of the deployment's {@link JobView}s, newest first; {@code state} and {@code action}, when set, filter them. */
public record ListDeploymentJobs(DeploymentId deploymentId, JobState state, Action action, PageRequest page) {
}
