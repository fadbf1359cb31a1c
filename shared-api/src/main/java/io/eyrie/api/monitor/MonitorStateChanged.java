package io.eyrie.api.monitor;

import io.eyrie.api.deployment.DeploymentId;

import java.time.Instant;

/** A check moved the monitor from one state to another; {@code runner} made the check, {@code reason} says what it saw. */
public record MonitorStateChanged(MonitorId monitorId, DeploymentId deploymentId, MonitorState from, MonitorState to,
                                  String reason, String runner, Instant checkedAt) {
}
