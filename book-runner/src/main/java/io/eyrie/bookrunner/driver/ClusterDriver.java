package io.eyrie.bookrunner.driver;

/**
 * Carries out Book steps against a cluster. The runner calls {@link #execute} again for the same step until it no
 * longer answers {@link StepOutcome.Waiting}, so every call must be idempotent: ensure, never assume.
 */
public interface ClusterDriver {

    /** Recorded when a job starts, so every job says which driver carried it out. */
    String name();

    /** True when no real cluster is touched: dashboards show it, so a simulated success is never taken for real. */
    boolean simulated();

    /**
     * Performs, or checks on, one step. A step the cluster rejects is a {@link StepOutcome.Failed}; an exception
     * means the step could not be carried out at all (API unreachable) and also fails it, with its message.
     */
    StepOutcome execute(StepRequest request) throws Exception;
}
