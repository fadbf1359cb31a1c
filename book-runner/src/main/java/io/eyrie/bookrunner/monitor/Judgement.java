package io.eyrie.bookrunner.monitor;

import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorState;

/**
 * What one check means for a monitor's state, from its thresholds: a pass is {@code ok}, or {@code warning} when it
 * was slower than {@code latencyWarningMillis} (or a resource above its warning percentage); a failure only counts,
 * until {@code failuresToError} of them in a row make it {@code error}. Fewer failures keep the state it had, so a
 * flapping target does not write an event per check.
 *
 * @param failures the consecutive failures after this check
 * @param reason   what this check saw, for the log and for the state's event when it changes
 */
record Judgement(MonitorState state, int failures, String reason) {

    static Judgement of(MonitorSpec spec, MonitorState before, int failuresBefore, CheckOutcome result) {
        if (!result.passed()) {
            int failures = failuresBefore + 1;
            if (failures >= spec.failuresToError()) {
                return new Judgement(MonitorState.ERROR, failures, failures + " consecutive failed check"
                        + (failures == 1 ? "" : "s") + ": " + result.reason());
            }
            return new Judgement(before, failures, "failed check " + failures + " of " + spec.failuresToError()
                    + " before error: " + result.reason());
        }
        if (spec.latencyWarningMillis() != null && result.latencyMillis() > spec.latencyWarningMillis()) {
            return new Judgement(MonitorState.WARNING, 0, "slow: " + result.latencyMillis() + " ms, above the "
                    + spec.latencyWarningMillis() + " ms warning (" + result.reason() + ")");
        }
        return new Judgement(result.warning() ? MonitorState.WARNING : MonitorState.OK, 0, result.reason());
    }
}
