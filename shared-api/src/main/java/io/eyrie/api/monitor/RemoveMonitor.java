package io.eyrie.api.monitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveMonitor(@TargetAggregateIdentifier MonitorId monitorId) {
}
