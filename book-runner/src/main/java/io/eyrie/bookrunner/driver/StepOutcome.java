package io.eyrie.bookrunner.driver;

import java.time.Duration;

/** What a step did, in a short sentence an operator can read on the job's page. */
public sealed interface StepOutcome {

    record Succeeded(String detail) implements StepOutcome {
    }

    record Failed(String error) implements StepOutcome {
    }

    /**
     * The cluster has not converged yet: ask again after {@code checkAgainIn}. The runner frees its worker in the
     * meantime, so a job that waits holds no thread.
     */
    record Waiting(Duration checkAgainIn, String progress, Rollout rollout) implements StepOutcome {
    }

    /**
     * How far the workloads a step waits for have come: {@code percent} overall, and each service's state
     * ({@code running} or {@code succeeded}, or {@code failed}), keyed by the deployment's service names.
     */
    record Rollout(int percent, java.util.Map<String, io.eyrie.api.book.JobState> services) {
    }

    /** A failure that may pass (the API server is busy, a write conflicted): the step is tried again, a few times. */
    record Retryable(String error) implements StepOutcome {
    }

    static StepOutcome retryable(String error) {
        return new Retryable(error);
    }

    static StepOutcome succeeded(String detail) {
        return new Succeeded(detail);
    }

    static StepOutcome failed(String error) {
        return new Failed(error);
    }

    static StepOutcome waiting(Duration checkAgainIn, String progress) {
        return new Waiting(checkAgainIn, progress, null);
    }

    static StepOutcome waiting(Duration checkAgainIn, String progress, Rollout rollout) {
        return new Waiting(checkAgainIn, progress, rollout);
    }
}
