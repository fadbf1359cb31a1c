package io.eyrie.api.monitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts or stops a monitor's checks as its deployment starts or stops running a release; {@code reason} says
 * which. Sent again, it changes nothing.
 */
public record WatchMonitor(@TargetAggregateIdentifier MonitorId monitorId, boolean checking, String reason) {
}
