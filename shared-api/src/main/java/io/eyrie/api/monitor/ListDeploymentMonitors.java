package io.eyrie.api.monitor;

import io.eyrie.api.deployment.DeploymentId;

/** By name; a deployment has few. */
public record ListDeploymentMonitors(DeploymentId deploymentId) {
}
