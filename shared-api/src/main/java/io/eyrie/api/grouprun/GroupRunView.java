package io.eyrie.api.grouprun;

import io.eyrie.api.deployment.Action;

import java.time.Instant;
import java.util.List;

/**
 * A group action as dashboards show it: its stages in order, each {@code waiting}, {@code running}, {@code succeeded}
 * or {@code failed}, with each member's job and how it ended ({@code null} while it runs).
 */
public record GroupRunView(String id, String project, String group, Action action, String state, String reason,
                           List<StageView> stages, String startedBy, Instant startedAt, Instant endedAt) {

    public record StageView(int stage, String state, List<MemberView> members) {
    }

    public record MemberView(String name, String deploymentId, String jobId, MemberOutcome outcome, String detail) {
    }
}
