package io.eyrie.bookrunner.driver;

/**
 * Carries out Book steps against a cluster. The runner calls {@link #execute} on a worker thread, one step at a
 * time per run, so an implementation may block until the cluster has converged.
 */
public interface ClusterDriver {

    /** Recorded in {@code BookRunStarted}, so every run says which driver carried it out. */
    String name();

    /** True when no real cluster is touched: dashboards show it, so a simulated success is never taken for real. */
    boolean simulated();

    /**
     * Performs one step. A step the cluster rejects is a {@link StepOutcome.Failed}; an exception means the step
     * could not be carried out at all (API unreachable, interrupted) and also fails the step, with its message.
     */
    StepOutcome execute(StepRequest request) throws Exception;
}
