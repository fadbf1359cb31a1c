package io.eyrie.api.monitor;

import io.eyrie.api.deployment.DeploymentId;

public record MonitorRemoved(MonitorId monitorId, DeploymentId deploymentId, String name) {
}
