package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;

public record BookRunFailed(RunId runId, JobId jobId, DeploymentId deploymentId, String error) {
}
