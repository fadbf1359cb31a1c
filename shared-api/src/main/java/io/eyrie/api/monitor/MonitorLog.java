package io.eyrie.api.monitor;

import java.time.Instant;
import java.util.List;

/** A monitor's recent check results, newest first, from {@code from} to {@code to}, at most the limit asked. */
public record MonitorLog(String monitorId, Instant from, Instant to, List<MonitorLogEntry> entries) {
}
