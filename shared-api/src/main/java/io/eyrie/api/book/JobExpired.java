package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;

/** The job did not finish in time, for instance because no runner took it; nobody may start or continue it. */
public record JobExpired(JobId jobId, DeploymentId deploymentId, String error) {
}
