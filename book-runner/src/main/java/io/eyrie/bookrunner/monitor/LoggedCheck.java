package io.eyrie.bookrunner.monitor;

import io.eyrie.api.monitor.MonitorState;

import java.time.Instant;

/** One check's result as its log keeps it, until {@code expireAt}. {@code checkId} is the causation of any report. */
record LoggedCheck(String checkId, String monitorId, String deploymentId, String project, Instant at,
                   MonitorState state, boolean passed, Integer status, long latencyMillis, String reason,
                   String runner, Instant expireAt) {
}
