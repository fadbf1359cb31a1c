package io.eyrie.api.book;

import io.eyrie.api.deployment.DeploymentId;

/** A runner started the job; from now on only it reports steps, until its lease lapses. */
public record JobStarted(JobId jobId, DeploymentId deploymentId, String runner, String driver, boolean simulated) {
}
