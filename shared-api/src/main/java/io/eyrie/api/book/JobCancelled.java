package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;

/** Someone cancelled the job; a runner that still runs it stops at its next step boundary. */
public record JobCancelled(JobId jobId, DeploymentId deploymentId, String reason) {
}
