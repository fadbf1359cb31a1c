package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;

import java.util.List;

/** A runner claims a job and announces the steps it will run, through {@code driver}. */
public record StartBookRun(RunId runId, JobId jobId, DeploymentId deploymentId, String book, String driver,
                           boolean simulated, List<String> steps) {
}
