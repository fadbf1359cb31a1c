package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;

import java.util.List;

public record BookRunStarted(RunId runId, JobId jobId, DeploymentId deploymentId, String book, String driver,
                             boolean simulated, List<String> steps) {
}
