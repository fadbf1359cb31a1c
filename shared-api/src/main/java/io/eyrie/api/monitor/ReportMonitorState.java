package io.eyrie.api.monitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A runner's judgement after a check. {@code generation} is the monitor's when the runner took the check, so a
 * check started before the monitor was changed, stopped or started again changes nothing.
 */
public record ReportMonitorState(@TargetAggregateIdentifier MonitorId monitorId, int generation, MonitorState state,
                                 String reason, String runner, Instant checkedAt) {
}
