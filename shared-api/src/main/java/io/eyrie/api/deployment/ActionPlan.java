package io.eyrie.api.deployment;

import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.deployment.Release.ReleasedService;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What an action would do now, by the rules that decide it, with nothing recorded.
 *
 * @param outcome      start, queue (behind the running job), merge (into the same waiting request), skip (nothing
 *                     differs) or refuse
 * @param rule         why it would be queued, merged, skipped or refused; null when it would simply start
 * @param release      the release it would record, numbered as it would be; null for actions that record none
 * @param changes      how that release differs from the active one, service by service
 * @param specChanges  the deployment fields the action would change
 * @param target       what its job would apply (no clusters: those are the runner's to reach)
 * @param cancels      the job a cancel would end
 */
public record ActionPlan(Outcome outcome, String rule, List<Action> allowedActions, Lifecycle lifecycle,
                         DeploymentStatus status, Integer activeRelease, String book, Integer bookVersion,
                         List<JobStep> steps, Release release, List<Change> changes, List<String> specChanges,
                         JobTarget target, String image, String cancels) {

    public enum Outcome {
        START, QUEUE, MERGE, SKIP, REFUSE;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One field of one service that differs: {@code from} is null for a service the active release lacks. */
    public record Change(String service, String field, Object from, Object to) {
    }

    /** Field by field, what {@code next} changes of {@code active} (everything, when nothing is active). */
    public static List<Change> changes(Release active, Release next) {
        List<Change> changes = new ArrayList<>();
        for (ReleasedService service : next.services()) {
            ReleasedService was = active == null ? null : active.services().stream()
                    .filter(old -> old.name().equals(service.name())).findFirst().orElse(null);
            compare(changes, service.name(), "image", was == null ? null : was.image(), service.image());
            compare(changes, service.name(), "digest", was == null ? null : was.digest(), service.digest());
            compare(changes, service.name(), "replicas", was == null ? null : was.replicas(), service.replicas());
            compare(changes, service.name(), "env", was == null ? null : was.env(), service.env());
        }
        if (active != null) {
            active.services().stream()
                    .filter(old -> next.services().stream().noneMatch(service -> service.name().equals(old.name())))
                    .forEach(old -> changes.add(new Change(old.name(), "service", old.name(), null)));
            compare(changes, null, "commitRef", active.commitRef(), next.commitRef());
        } else if (next.commitRef() != null) {
            changes.add(new Change(null, "commitRef", null, next.commitRef()));
        }
        return changes;
    }

    private static void compare(List<Change> changes, String service, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.add(new Change(service, field, from, to));
        }
    }
}
