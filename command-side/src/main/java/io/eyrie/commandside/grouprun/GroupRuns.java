package io.eyrie.commandside.grouprun;

import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.ActionAccepted;
import io.eyrie.api.deployment.ActionCancelled;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.QueuedActionCancelled;
import io.eyrie.api.deployment.QueuedActionRefused;
import io.eyrie.api.deployment.RedeploySkipped;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.grouprun.GroupMember;
import io.eyrie.api.grouprun.GroupStageStarted;
import io.eyrie.api.grouprun.MemberOutcome;
import io.eyrie.api.grouprun.RecordMemberOutcome;
import io.eyrie.commandside.deployment.Refusals;
import io.eyrie.commandside.directory.Directory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Coordinates group actions, and decides nothing: a started stage asks each of its deployments for the action (as
 * whoever started the group action, queued if busy), and each member job's end is reported back to its group run.
 * A deployment that refuses is reported as refused, which fails the stage. Delivery is at least once: a deployment
 * takes a job id it has already seen as done, and a run records each member's end once.
 */
@Component
@ProcessingGroup(GroupRuns.GROUP)
public class GroupRuns {
    public static final String GROUP = "group-runs";

    private final CommandGateway commands;
    private final Directory directory;

    GroupRuns(CommandGateway commands, Directory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @EventHandler
    void on(GroupStageStarted event) {
        for (GroupMember member : event.members()) {
            try {
                ActionAccepted accepted = commands.sendAndWait(new RequestAction(member.deploymentId(), event.action(),
                        member.jobId(), event.input(), "stage " + event.stage() + " of group action "
                        + event.runId().value()));
                if (!accepted.changed()) {
                    report(member.jobId(), member.deploymentId(), MemberOutcome.SKIPPED, "nothing to change");
                }
            } catch (RuntimeException failed) {
                if (!Refusals.isRefusal(failed)) {
                    throw failed;
                }
                report(member.jobId(), member.deploymentId(), MemberOutcome.REFUSED, Refusals.message(failed));
            }
        }
    }

    @EventHandler
    void on(ActionCompleted event) {
        report(event.jobId(), event.deploymentId(), MemberOutcome.SUCCEEDED, event.status().wire());
    }

    @EventHandler
    void on(ActionFailed event) {
        report(event.jobId(), event.deploymentId(), MemberOutcome.FAILED, event.error());
    }

    @EventHandler
    void on(ActionCancelled event) {
        report(event.jobId(), event.deploymentId(), MemberOutcome.CANCELLED, event.reason());
    }

    @EventHandler
    void on(QueuedActionCancelled event) {
        report(event.jobId(), event.deploymentId(), MemberOutcome.CANCELLED, event.reason());
    }

    @EventHandler
    void on(QueuedActionRefused event) {
        report(event.jobId(), event.deploymentId(), MemberOutcome.REFUSED, event.reason());
    }

    @EventHandler
    void on(RedeploySkipped event) {
        if (event.jobId() != null) {
            report(event.jobId(), event.deploymentId(), MemberOutcome.SKIPPED, "nothing to change");
        }
    }

    private void report(JobId job, DeploymentId deployment, MemberOutcome outcome, String detail) {
        directory.groupRunOf(job).ifPresent(run -> commands.sendAndWait(
                new RecordMemberOutcome(run, deployment, outcome, detail)));
    }
}
