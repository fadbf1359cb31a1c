package io.eyrie.api.monitor;

import io.eyrie.api.deployment.DeploymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Handled by the deployment, which creates the monitor: it knows whether it runs a release now, so a monitor starts
 * checking or not in the same decision that orders it among the deployment's pauses and deploys.
 */
public record CreateMonitor(@TargetAggregateIdentifier DeploymentId deploymentId, MonitorId monitorId, MonitorSpec spec) {
}
