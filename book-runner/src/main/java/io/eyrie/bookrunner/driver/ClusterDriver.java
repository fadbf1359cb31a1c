package io.eyrie.bookrunner.driver;

import io.eyrie.api.book.JobTarget;

/**
 * Carries out Book steps on one cluster. The runner calls {@link #execute} again for the same step until it no
 * longer answers {@link StepOutcome.Waiting}, so every call must be idempotent: ensure, never assume.
 */
public interface ClusterDriver {

    /** Recorded when a job starts, so every job says which driver carried it out. */
    String name();

    /** Whether this driver talks to this cluster (by its API server's scheme). */
    boolean serves(JobTarget.Cluster cluster);

    /**
     * Performs, or checks on, one step on one cluster. A step the cluster rejects is a {@link StepOutcome.Failed};
     * an exception means the step could not be carried out at all and also fails it, with its message.
     */
    StepOutcome execute(StepRequest request, JobTarget.Cluster cluster) throws Exception;

    /**
     * The use of the target's pods on this cluster, for resource monitors. An exception's message says why it could
     * not be read (the metrics API not served, no pods, no limits); the check fails with it.
     */
    default java.util.List<PodUsage> podUsage(JobTarget target, JobTarget.Cluster cluster) throws Exception {
        throw new UnsupportedOperationException("driver " + name() + " reads no pod metrics");
    }
}
