package io.eyrie.commandside.grouprun;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionInput;
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
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.group;
import static io.eyrie.api.TestIds.job;
import static io.eyrie.api.TestIds.uuid;

/** Stage after stage: the next starts once every member of the one before succeeded; a failure stops the rest. */
class GroupRunTest {
    private static final GroupRunId RUN = new GroupRunId(uuid("run 1"));
    private static final GroupMember DB = new GroupMember(deployment("db"), "db", 0, job("j-db"));
    private static final GroupMember WEB = new GroupMember(deployment("web"), "web", 1, job("j-web"));
    private static final GroupMember API = new GroupMember(deployment("api"), "api", 1, job("j-api"));
    private static final GroupActionStarted STARTED = new GroupActionStarted(RUN, ACME_PROJECT, group("acme/shop"),
            "shop", Action.DEPLOY, ActionInput.NONE, List.of(DB, WEB, API));
    private static final GroupStageStarted DATABASES = new GroupStageStarted(RUN, 0, Action.DEPLOY, ActionInput.NONE,
            List.of(DB));

    private AggregateTestFixture<GroupRun> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(GroupRun.class);
    }

    @Test
    void theLowestStageStartsFirst() {
        fixture.givenNoPriorActivity()
                .when(new StartGroupAction(RUN, ACME_PROJECT, group("acme/shop"), "shop", Action.DEPLOY,
                        ActionInput.NONE, List.of(DB, WEB, API)))
                .expectEvents(STARTED, DATABASES);
    }

    @Test
    void theNextStageStartsWhenEveryMemberOfThisOneSucceededAndTheLastEndsTheRun() {
        fixture.given(STARTED, DATABASES)
                .when(new RecordMemberOutcome(RUN, deployment("db"), MemberOutcome.SUCCEEDED, "deployed"))
                .expectEvents(new GroupMemberEnded(RUN, deployment("db"), 0, MemberOutcome.SUCCEEDED, "deployed"),
                        new GroupStageStarted(RUN, 1, Action.DEPLOY, ActionInput.NONE, List.of(WEB, API)));
        var applications = new GroupStageStarted(RUN, 1, Action.DEPLOY, ActionInput.NONE, List.of(WEB, API));
        var dbDone = new GroupMemberEnded(RUN, deployment("db"), 0, MemberOutcome.SUCCEEDED, "deployed");
        fixture.given(STARTED, DATABASES, dbDone, applications)
                .when(new RecordMemberOutcome(RUN, deployment("web"), MemberOutcome.SKIPPED, "nothing to change"))
                .expectEvents(new GroupMemberEnded(RUN, deployment("web"), 1, MemberOutcome.SKIPPED, "nothing to change"));
        fixture.given(STARTED, DATABASES, dbDone, applications,
                        new GroupMemberEnded(RUN, deployment("web"), 1, MemberOutcome.SKIPPED, "nothing to change"))
                .when(new RecordMemberOutcome(RUN, deployment("api"), MemberOutcome.SUCCEEDED, "deployed"))
                .expectEvents(new GroupMemberEnded(RUN, deployment("api"), 1, MemberOutcome.SUCCEEDED, "deployed"),
                        new GroupActionEnded(RUN, true, 1, null));
    }

    @Test
    void aFailedMemberStopsTheLaterStagesAndAnOutcomeTwiceOrForAnotherStageChangesNothing() {
        fixture.given(STARTED, DATABASES)
                .when(new RecordMemberOutcome(RUN, deployment("db"), MemberOutcome.FAILED, "storage full"))
                .expectEvents(new GroupMemberEnded(RUN, deployment("db"), 0, MemberOutcome.FAILED, "storage full"),
                        new GroupActionEnded(RUN, false, 0, "stage 0: db failed; the later stages did not start"));
        fixture.given(STARTED, DATABASES)
                .when(new RecordMemberOutcome(RUN, deployment("web"), MemberOutcome.SUCCEEDED, "deployed"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(STARTED, DATABASES, new GroupMemberEnded(RUN, deployment("db"), 0, MemberOutcome.FAILED, "x"),
                        new GroupActionEnded(RUN, false, 0, "stage 0: db failed"))
                .when(new RecordMemberOutcome(RUN, deployment("db"), MemberOutcome.SUCCEEDED, "late"))
                .expectNoEvents();
    }

    @Test
    void aRunWithoutMembersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new StartGroupAction(RUN, ACME_PROJECT, group("acme/shop"), "shop", Action.DEPLOY,
                        ActionInput.NONE, List.of()))
                .expectNoEvents().expectException(InvalidInputException.class);
    }
}
