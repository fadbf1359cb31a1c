package io.eyrie.queryside.grouprun;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.grouprun.GroupRunView;
import io.eyrie.api.grouprun.MemberOutcome;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** One group action, its members by stage; every change sets absolute values, so a replay changes nothing. */
@Document(GroupRunDocument.COLLECTION)
@CompoundIndex(name = "group_runs_newest", def = "{'project': 1, 'group': 1, 'startedAt': -1, '_id': -1}")
final class GroupRunDocument {
    static final String COLLECTION = "group_runs";

    @Id
    String id;
    String project;
    String group;
    Action action;
    String state;
    String reason;
    Integer runningStage;
    List<Member> members = new ArrayList<>();
    String startedBy;
    Instant startedAt;
    Instant endedAt;

    static final class Member {
        String name;
        String deploymentId;
        String jobId;
        int stage;
        MemberOutcome outcome;
        String detail;
    }

    GroupRunView toView() {
        List<GroupRunView.StageView> stages = new ArrayList<>();
        for (int stage : new TreeSet<>(members.stream().map(member -> member.stage).toList())) {
            List<Member> in = members.stream().filter(member -> member.stage == stage).toList();
            boolean ended = in.stream().allMatch(member -> member.outcome != null);
            boolean done = in.stream().allMatch(member -> member.outcome != null && member.outcome.done());
            String stageState = ended ? (done ? "succeeded" : "failed")
                    : runningStage != null && runningStage == stage ? "running" : "waiting";
            stages.add(new GroupRunView.StageView(stage, stageState, in.stream().map(member ->
                    new GroupRunView.MemberView(member.name, member.deploymentId, member.jobId, member.outcome,
                            member.detail)).toList()));
        }
        return new GroupRunView(id, project, group, action, state, reason, stages, startedBy, startedAt, endedAt);
    }
}
