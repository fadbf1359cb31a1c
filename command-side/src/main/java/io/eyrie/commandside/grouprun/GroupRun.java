package io.eyrie.commandside.grouprun;

import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.grouprun.GroupActionEnded;
import io.eyrie.api.grouprun.GroupActionStarted;
import io.eyrie.api.grouprun.GroupMember;
import io.eyrie.api.grouprun.GroupMemberEnded;
import io.eyrie.api.grouprun.GroupRunId;
import io.eyrie.api.grouprun.GroupStageStarted;
import io.eyrie.api.grouprun.MemberOutcome;
import io.eyrie.api.grouprun.RecordMemberOutcome;
import io.eyrie.api.grouprun.StartGroupAction;
import io.eyrie.commandside.InvalidInputException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An action run on a group's deployments in pipeline stages, lowest first: a stage starts once every member of the
 * one before it has succeeded (or had nothing to change); if one did not, the later stages never start. It only
 * decides; {@link GroupRuns} asks the deployments and reports how each ended.
 */
@Aggregate(filterEventsByType = true)
public class GroupRun {
    @AggregateIdentifier
    private GroupRunId id;
    private GroupActionStarted started;
    private int stage;
    private final Map<DeploymentId, MemberOutcome> outcomes = new HashMap<>();
    private boolean ended;

    protected GroupRun() {
    }

    @CommandHandler
    public GroupRun(StartGroupAction command) {
        if (command.members().isEmpty()) {
            throw new InvalidInputException("deployments", "names no living deployment of group '"
                    + command.groupName() + "'");
        }
        apply(new GroupActionStarted(command.runId(), command.project(), command.group(), command.groupName(),
                command.action(), command.input(), List.copyOf(command.members())));
        int first = command.members().stream().mapToInt(GroupMember::stage).min().orElseThrow();
        apply(new GroupStageStarted(command.runId(), first, command.action(), command.input(),
                command.members().stream().filter(member -> member.stage() == first).toList()));
    }

    /** An outcome for a member already recorded, or not in the running stage, changes nothing. */
    @CommandHandler
    public void handle(RecordMemberOutcome command) {
        List<GroupMember> current = membersOf(stage);
        if (ended || outcomes.containsKey(command.deploymentId())
                || current.stream().noneMatch(member -> member.deploymentId().equals(command.deploymentId()))) {
            return;
        }
        apply(new GroupMemberEnded(id, command.deploymentId(), stage, command.outcome(), command.detail()));
        if (current.stream().anyMatch(member -> !outcomes.containsKey(member.deploymentId()))) {
            return;
        }
        List<String> failed = current.stream()
                .filter(member -> !outcomes.get(member.deploymentId()).done())
                .map(member -> member.name() + " " + outcomes.get(member.deploymentId()).wire())
                .toList();
        if (!failed.isEmpty()) {
            apply(new GroupActionEnded(id, false, stage, "stage " + stage + ": " + String.join(", ", failed)
                    + (nextStage() == null ? "" : "; the later stages did not start")));
        } else if (nextStage() != null) {
            int next = nextStage();
            apply(new GroupStageStarted(id, next, started.action(), started.input(), membersOf(next)));
        } else {
            apply(new GroupActionEnded(id, true, stage, null));
        }
    }

    private Integer nextStage() {
        return started.members().stream().mapToInt(GroupMember::stage).filter(s -> s > stage).boxed()
                .min(Integer::compare).orElse(null);
    }

    private List<GroupMember> membersOf(int wanted) {
        return started == null ? List.of() : started.members().stream().filter(member -> member.stage() == wanted).toList();
    }

    @EventSourcingHandler
    void on(GroupActionStarted event) {
        this.id = event.runId();
        this.started = event;
    }

    @EventSourcingHandler
    void on(GroupStageStarted event) {
        this.stage = event.stage();
    }

    @EventSourcingHandler
    void on(GroupMemberEnded event) {
        outcomes.put(event.deploymentId(), event.outcome());
    }

    @EventSourcingHandler
    void on(GroupActionEnded event) {
        ended = true;
    }
}
