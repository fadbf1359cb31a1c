package io.eyrie.api.monitor;

import java.time.Instant;

/**
 * One check's result. {@code state} is the monitor's state as that check judged it; {@code checkId} is the
 * correlation of the state change it caused, if any, in the audit trail.
 */
public record MonitorLogEntry(Instant at, MonitorState state, boolean passed, Integer status, long latencyMillis,
                              String reason, String runner, String checkId) {
}
