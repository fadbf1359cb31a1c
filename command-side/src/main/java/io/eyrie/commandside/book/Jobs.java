package io.eyrie.commandside.book;

import io.eyrie.api.book.BookStep;
import io.eyrie.api.book.JobCreated;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.Strategy;
import io.eyrie.commandside.directory.Directory.BookVersion;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.project.GroupRuleException;
import io.eyrie.job.Job;
import org.axonframework.deadline.DeadlineManager;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * How a deployment makes the job of an action it accepted: in the same command, so an accepted action always has
 * its job, with the steps of the Book's version as they are now. Each step is estimated from its past runs (or the
 * Book's estimate) and times out at that estimate times the Book's multiplier, within the configured bounds.
 */
@Component
public class Jobs {
    private final BookJobSettings settings;

    public Jobs(BookJobSettings settings) {
        this.settings = settings;
    }

    /**
     * The job a deploy will run with {@code strategy}: for recreate, each workload step that sets no update strategy
     * of its own replaces the old pods rather than rolling.
     */
    public Planned plan(Directory directory, String reference, GroupType type, Strategy strategy) {
        Planned planned = plan(directory, reference, type);
        if (strategy != Strategy.RECREATE) {
            return planned;
        }
        return new Planned(planned.book(), planned.version(), planned.steps().stream()
                .map(step -> step.kind() == StepKind.APPLY_MANIFEST && !step.with().containsKey("strategy")
                        && !step.with().containsKey("maxSurge") && !step.with().containsKey("maxUnavailable")
                        ? new JobStep(step.name(), step.kind(), with(step.with(), "strategy", "recreate"),
                        step.estimatedSeconds(), step.timeoutSeconds())
                        : step)
                .toList());
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(settings);
        more.put(key, value);
        return Map.copyOf(more);
    }

    /** The job a Book reference ({@code name} or {@code name@version}) will run; refused if it cannot be run. */
    public Planned plan(Directory directory, String reference, GroupType type) {
        int at = reference.indexOf('@');
        String name = at < 0 ? reference : reference.substring(0, at);
        Integer version = at < 0 ? null : Integer.valueOf(reference.substring(at + 1));
        BookVersion book = directory.book(name, version).orElseThrow(() -> new GroupRuleException("unknown-book",
                "There is no Book '" + reference + "'; the group names it for this action"));
        if (!book.groupType().equals(type)) {
            throw new GroupRuleException("unknown-book", "Book '" + reference + "' is for group type '"
                    + book.groupType().wire() + "', not '" + type.wire() + "'");
        }
        Map<String, Long> averages = directory.averageMillis(book.name());
        List<JobStep> steps = book.steps().stream().map(step -> jobStep(averages, book, step)).toList();
        return new Planned(book.name(), book.version(), steps);
    }

    public record Planned(String book, int version, List<JobStep> steps) {
    }

    /** Called from the deployment's command handler, after it applied the action's event. */
    public void create(JobId job, DeploymentId deployment, ProjectId project, Action action, Planned planned,
                       String image, JobTarget target, DeadlineManager deadlines) throws Exception {
        JobCreated created = new JobCreated(job, deployment, project, action, planned.book(), planned.version(), image,
                target, planned.steps(), settings.jobTimeout().toSeconds());
        createNew(Job.class, () -> new Job(created, deadlines));
    }

    private JobStep jobStep(Map<String, Long> averages, BookVersion book, BookStep step) {
        long estimate = java.util.Optional.ofNullable(averages.get(step.name()))
                .map(millis -> Math.max(1, (millis + 999) / 1000))
                .orElse(step.estimatedSeconds() > 0 ? step.estimatedSeconds() : settings.defaultEstimate().toSeconds());
        long timeout = Math.min(settings.jobTimeout().toSeconds(),
                Math.max(settings.stepTimeoutMin().toSeconds(), estimate * book.multiplier()));
        return new JobStep(step.name(), step.kind(), step.with(), estimate, timeout);
    }
}
