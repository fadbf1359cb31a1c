package io.eyrie.bookrunner.monitor;

/**
 * What one check of either type found, before the thresholds of its monitor judge it. Every failure is one, with
 * its reason, never an exception.
 *
 * @param passed  the target answered as expected (http: status and body; resource: below the error percentages)
 * @param warning a resource above a warning percentage (http checks get theirs from the latency)
 * @param status  the HTTP status of the last hop, or null
 */
record CheckOutcome(boolean passed, boolean warning, Integer status, long latencyMillis, String reason) {

    static CheckOutcome failed(String reason, long latencyMillis) {
        return new CheckOutcome(false, false, null, latencyMillis, reason);
    }
}
