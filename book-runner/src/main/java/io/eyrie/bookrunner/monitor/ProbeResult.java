package io.eyrie.bookrunner.monitor;

/**
 * Outcome of one HTTP check.
 *
 * @param passed        the check succeeded: the last response's status was expected and its body matched
 * @param status        the status of the last response, or null when none came (refused, DNS, timeout, ...)
 * @param latencyMillis wall time of the whole check, every hop included
 * @param reason        what the check saw: why it failed, or the status when it passed (the log shows both)
 */
record ProbeResult(boolean passed, Integer status, long latencyMillis, String reason) {

    static ProbeResult passed(int status, long latencyMillis, String reason) {
        return new ProbeResult(true, status, latencyMillis, reason);
    }

    static ProbeResult failed(Integer status, long latencyMillis, String reason) {
        return new ProbeResult(false, status, latencyMillis, reason);
    }
}
