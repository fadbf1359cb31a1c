package io.eyrie.api.monitor;

import java.time.Instant;

/**
 * A monitor as dashboards show it: its spec, its state, why, and since when. {@code checking}: whether runners
 * check it now; {@code checkingReason}: why its checks last started or stopped.
 */
public record MonitorView(String id, String deploymentId, String project, MonitorSpec spec, MonitorState state,
                          String reason, Instant stateSince, String checkedBy, boolean checking, String checkingReason,
                          String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {
}
