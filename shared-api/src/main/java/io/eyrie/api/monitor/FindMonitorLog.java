package io.eyrie.api.monitor;

import java.time.Instant;

public record FindMonitorLog(MonitorId monitorId, Instant from, Instant to, int limit) {
}
