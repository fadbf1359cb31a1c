package io.eyrie.api.monitor;

import io.eyrie.api.deployment.DeploymentId;

/** Its deployment runs a release again; the state stays {@code unknown} until the next check. */
public record MonitorChecksStarted(MonitorId monitorId, DeploymentId deploymentId, String reason, int generation) {
}
