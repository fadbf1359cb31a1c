package io.eyrie.api.monitor;

import io.eyrie.api.deployment.DeploymentId;

/** The whole spec after the change; {@code generation} counts changes and restarts, so older checks are ignored. */
public record MonitorChanged(MonitorId monitorId, DeploymentId deploymentId, MonitorSpec spec, int generation) {
}
