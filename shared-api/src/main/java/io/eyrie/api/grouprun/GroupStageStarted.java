package io.eyrie.api.grouprun;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionInput;

import java.util.List;

/** The members of {@code stage} are asked for the action now. */
public record GroupStageStarted(GroupRunId runId, int stage, Action action, ActionInput input,
                                List<GroupMember> members) {
}
