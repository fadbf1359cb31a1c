package io.eyrie.api.grouprun;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionInput;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.ProjectId;

import java.util.List;

public record GroupActionStarted(GroupRunId runId, ProjectId project, GroupId group, String groupName, Action action,
                                 ActionInput input, List<GroupMember> members) {
}
