package io.eyrie.api.monitor;

import java.util.List;

/**
 * What a monitor checks and when its state changes, flat as the API takes it: the {@code http_request} fields or
 * the {@code resource} ones are set, by {@link #type}. In a change, a null field keeps the current value.
 *
 * @param intervalSeconds      how often it is checked
 * @param failuresToError      consecutive failed checks after which the state is {@code error}; fewer keep the
 *                             state it had (the log shows them)
 * @param url                  http(s), no credentials; by default the deployment's service
 * @param expectedStatus       the status codes that pass; empty: any 2xx
 * @param bodyContains         text the body must contain, or null
 * @param latencyWarningMillis a passing check slower than this is {@code warning}
 * @param cpuWarningPercent    CPU use of the busiest pod against its limit (or request) from which the state is
 *                             {@code warning}; the {@code Error} ones likewise for {@code error}
 */
public record MonitorSpec(MonitorType type, String name, Integer intervalSeconds, Integer failuresToError,
                          String url, String method, List<Integer> expectedStatus, String bodyContains,
                          Integer timeoutMillis, Integer latencyWarningMillis,
                          Integer cpuWarningPercent, Integer cpuErrorPercent,
                          Integer memoryWarningPercent, Integer memoryErrorPercent) {

    public MonitorSpec {
        expectedStatus = expectedStatus == null ? null : List.copyOf(expectedStatus);
    }

    /** Whether {@code status} passes. */
    public boolean expects(int status) {
        return expectedStatus == null || expectedStatus.isEmpty() ? status >= 200 && status < 300
                : expectedStatus.contains(status);
    }

    /** This spec with every field {@code change} sets replaced; the type cannot change. */
    public MonitorSpec with(MonitorSpec change) {
        return new MonitorSpec(type, or(change.name, name), or(change.intervalSeconds, intervalSeconds),
                or(change.failuresToError, failuresToError), or(change.url, url), or(change.method, method),
                or(change.expectedStatus, expectedStatus), or(change.bodyContains, bodyContains),
                or(change.timeoutMillis, timeoutMillis), or(change.latencyWarningMillis, latencyWarningMillis),
                or(change.cpuWarningPercent, cpuWarningPercent), or(change.cpuErrorPercent, cpuErrorPercent),
                or(change.memoryWarningPercent, memoryWarningPercent), or(change.memoryErrorPercent, memoryErrorPercent));
    }

    private static <T> T or(T changed, T current) {
        return changed != null ? changed : current;
    }
}
