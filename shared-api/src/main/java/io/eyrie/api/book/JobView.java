package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;

import java.time.Instant;
import java.util.List;

/** A Book job as dashboards show it: its steps, each with a state and timestamps. */
public record JobView(String id, String deploymentId, Action action, String book, JobState state, String runner,
                      String driver,
                      boolean simulated, String error, String initiator, String correlationId,
                      Instant scheduledAt, Instant startedAt, Instant finishedAt, List<StepView> steps) {

    public record StepView(int index, String name, JobState state, Instant startedAt, Instant finishedAt,
                           String detail, String error) {
    }
}
