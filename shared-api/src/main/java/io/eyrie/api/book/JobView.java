package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.project.Strategy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Book job as dashboards show it: its steps, each with a state and timestamps.
 *
 * @param reason            why it runs when no person asked for it (a timer, an image push, a restore after a cancel)
 * @param strategy          how a deploy replaces what runs; null for other actions
 * @param services          each service's state: pending, running, then succeeded or failed
 * @param estimatedFinishAt while it runs, when it should end: the running step's start plus the estimates of it and
 *                          the steps after it; when it ended, when it did; null while it waits for a runner
 */
public record JobView(String id, String deploymentId, Action action, String book, int bookVersion, JobState state,
                      String runner, String driver, boolean simulated, String error, String initiator,
                      String reason, String correlationId, Instant scheduledAt, Instant startedAt, Instant finishedAt,
                      Instant estimatedFinishAt, List<StepView> steps, Strategy strategy, Progress progress,
                      Map<String, JobState> services) {

    /**
     * How far the whole job has come: the share of its steps done, the running one counted by how far its workloads
     * have rolled out (from their replica counts); {@code phase} says what it is doing.
     */
    public record Progress(int percent, String phase) {
    }

    public record StepView(int index, String name, JobState state, Instant startedAt, Instant finishedAt,
                           String detail, String error, long estimatedSeconds) {
    }
}
