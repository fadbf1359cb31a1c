package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;

public record BookRunSucceeded(RunId runId, JobId jobId, DeploymentId deploymentId) {
}
