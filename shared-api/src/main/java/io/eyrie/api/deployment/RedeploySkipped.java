package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;

/**
 * A redeploy found nothing that differs from the active release and ran nothing, recorded for the audit trail.
 * {@code jobId} is the queued job it would have been, or null when it was asked for while idle.
 */
public record RedeploySkipped(DeploymentId deploymentId, JobId jobId, int activeRelease, DeploymentStatus status) {
}
