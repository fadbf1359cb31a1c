package io.eyrie.api.monitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code change}'s null fields keep their value; its type must be null or the monitor's. */
public record ChangeMonitor(@TargetAggregateIdentifier MonitorId monitorId, MonitorSpec change) {
}
