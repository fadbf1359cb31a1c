package io.eyrie.api.monitor;

public record FindMonitor(MonitorId monitorId) {
}
