package io.eyrie.queryside.job;

import io.eyrie.api.book.JobState;
import io.eyrie.api.book.JobView;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.project.Strategy;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a Book job is stored, changed in place by its projection; listed per deployment, newest first, through the
 * compound index. {@code simulated} is absent until a runner starts it, hence a {@link Boolean}.
 */
@Document(JobDocument.COLLECTION)
@CompoundIndex(name = "jobs_by_deployment_newest", def = "{'deploymentId': 1, 'scheduledAt': -1, '_id': -1}")
final class JobDocument implements io.eyrie.queryside.Revisioned {
    static final String COLLECTION = "jobs";

    @Id
    String id;
    long revision;
    String deploymentId;
    /** Whose job it is: the query side's authorization reads it. */
    String project;
    Action action;
    String book;
    int bookVersion;
    JobState state;
    /** The runner that last worked on it. */
    String runner;
    String driver;
    Boolean simulated;
    String error;
    String initiator;
    String reason;
    String correlationId;
    Instant scheduledAt;
    Instant startedAt;
    Instant finishedAt;
    List<StepDocument> steps = new ArrayList<>();
    Strategy strategy;
    /** How far the running step's workloads have rolled out, and what it said last. */
    Integer stepPercent;
    String phase;
    Map<String, JobState> services = new TreeMap<>();

    static JobDocument withId(String id) {
        JobDocument job = new JobDocument();
        job.id = id;
        return job;
    }

    boolean finished() {
        return state != null && state.finished();
    }

    JobView toView() {
        return new JobView(id, deploymentId, action, book, bookVersion, state, runner, driver,
                Boolean.TRUE.equals(simulated), error, initiator, reason, correlationId, scheduledAt, startedAt, finishedAt,
                estimatedFinishAt(), steps.stream().map(StepDocument::toView).toList(), strategy, progress(),
                Map.copyOf(services));
    }

    private JobView.Progress progress() {
        if (steps.isEmpty()) {
            return new JobView.Progress(state == JobState.SUCCEEDED ? 100 : 0, state == null ? null : state.wire());
        }
        long done = steps.stream().filter(step -> step.state == JobState.SUCCEEDED).count();
        StepDocument current = steps.stream().filter(step -> step.state == JobState.RUNNING).findFirst().orElse(null);
        double share = done + (current != null && stepPercent != null ? stepPercent / 100.0 : 0);
        int percent = state == JobState.SUCCEEDED ? 100 : (int) Math.floor(100 * share / steps.size());
        String doing = finished() ? state.wire() : current == null ? (state == null ? null : state.wire())
                : current.name + (phase == null ? "" : ": " + phase);
        return new JobView.Progress(percent, doing);
    }

    private Instant estimatedFinishAt() {
        if (finished()) {
            return finishedAt;
        }
        if (state != JobState.RUNNING) {
            return null;
        }
        Instant from = startedAt;
        long remaining = 0;
        for (StepDocument step : steps) {
            if (step.state == JobState.SUCCEEDED) {
                from = step.finishedAt;
            } else {
                if (step.state == JobState.RUNNING && step.startedAt != null) {
                    from = step.startedAt;
                }
                remaining += step.estimatedSeconds;
            }
        }
        return from == null ? null : from.plusSeconds(remaining);
    }

    static final class StepDocument {
        int index;
        String name;
        JobState state;
        Instant startedAt;
        Instant finishedAt;
        String detail;
        String error;
        long estimatedSeconds;

        static StepDocument pending(int index, String name, long estimatedSeconds) {
            StepDocument step = new StepDocument();
            step.index = index;
            step.name = name;
            step.estimatedSeconds = estimatedSeconds;
            step.state = JobState.PENDING;
            return step;
        }

        JobView.StepView toView() {
            return new JobView.StepView(index, name, state, startedAt, finishedAt, detail, error, estimatedSeconds);
        }
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public void revision(long revision) {
        this.revision = revision;
    }
}
