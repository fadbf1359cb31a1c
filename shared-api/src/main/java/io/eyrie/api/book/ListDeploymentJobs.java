package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.query.PageRequest;

/** Answered with a page of the deployment's {@link JobView}s, newest first. */
public record ListDeploymentJobs(DeploymentId deploymentId, PageRequest page) {
}
