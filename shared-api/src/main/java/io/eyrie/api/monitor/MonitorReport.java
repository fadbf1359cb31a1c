package io.eyrie.api.monitor;

/** What became of a {@link ReportMonitorState}. */
public enum MonitorReport {
    /** The state changed. */
    RECORDED,
    /** The monitor was already in that state. */
    UNCHANGED,
    /** The check was taken under an older generation, or the monitor no longer checks or exists. */
    STALE
}
