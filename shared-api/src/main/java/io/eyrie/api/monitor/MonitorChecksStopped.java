package io.eyrie.api.monitor;

import io.eyrie.api.deployment.DeploymentId;

/** Its deployment was paused, dropped or has no active release; the state is {@code unknown} from now on. */
public record MonitorChecksStopped(MonitorId monitorId, DeploymentId deploymentId, MonitorState from, String reason) {
}
