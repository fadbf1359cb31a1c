package io.eyrie.api.grouprun;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionInput;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Run {@code action} on these deployments of a group, a stage at a time: a stage starts once the one before it has succeeded. */
public record StartGroupAction(@TargetAggregateIdentifier GroupRunId runId, ProjectId project, GroupId group,
                               String groupName, Action action, ActionInput input, List<GroupMember> members) {
}
