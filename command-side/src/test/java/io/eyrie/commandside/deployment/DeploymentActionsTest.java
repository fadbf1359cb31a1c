package io.eyrie.commandside.deployment;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobCreated;
import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionAccepted;
import io.eyrie.api.deployment.ActionCancelled;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionInput.ServiceVersion;
import io.eyrie.api.deployment.ActionInput;
import io.eyrie.api.deployment.ActionMerged;
import io.eyrie.api.deployment.ActionPlan;
import io.eyrie.api.deployment.ActionQueued;
import io.eyrie.api.deployment.ActionRules;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.CancelRequested;
import io.eyrie.api.deployment.CompleteAction;
import io.eyrie.api.deployment.DeployPushedImage;
import io.eyrie.api.deployment.DeploymentChanged;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.DeploymentUnpinned;
import io.eyrie.api.deployment.FailAction;
import io.eyrie.api.deployment.FireScopeTimer;
import io.eyrie.api.deployment.ImagePushIgnored;
import io.eyrie.api.deployment.InitialReleaseRecorded;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.PlanAction;
import io.eyrie.api.deployment.QueueHeld;
import io.eyrie.api.deployment.QueuedActionCancelled;
import io.eyrie.api.deployment.QueuedActionRefused;
import io.eyrie.api.deployment.RecordCancellation;
import io.eyrie.api.deployment.RecordInitialRelease;
import io.eyrie.api.deployment.RedeploySkipped;
import io.eyrie.api.deployment.Release.ReleasedService;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.deployment.RequestCancel;
import io.eyrie.api.deployment.ResumeQueue;
import io.eyrie.api.deployment.ScopeTimerSkipped;
import io.eyrie.api.deployment.Service;
import io.eyrie.api.deployment.UnpinDeployment;
import io.eyrie.api.project.Concurrency;
import io.eyrie.api.project.Freeze;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.Strategy;
import io.eyrie.api.repository.ImageId;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.TestDirectory;
import io.eyrie.commandside.book.BookJobSettings;
import io.eyrie.commandside.book.Jobs;
import io.eyrie.commandside.directory.Directory.LatestPush;
import io.eyrie.commandside.directory.Directory;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.eyrie.api.TestEvents.LOCAL;
import static io.eyrie.api.TestEvents.deploymentCreated;
import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.group;
import static io.eyrie.api.TestIds.job;
import static io.eyrie.api.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

/** The action set: the table, releases, rollback and pinning, the queue, cancel and restore, image pushes. */
class DeploymentActionsTest {
    private static final DeploymentId ID = deployment("d-1");
    private static final GroupId WEB = group("acme/web");
    private static final String IMAGE = "registry.example.com/shop:1.0";
    private static final ImageId SHOP_IMAGE = new ImageId(uuid("image shop"));
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final MetaData BOB = MetaData.with(AuditMetaData.INITIATOR, "bob");
    private static final MetaData CAROL = MetaData.with(AuditMetaData.INITIATOR, "carol");

    private AggregateTestFixture<Deployment> fixture;
    private TestDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Deployment.class);
        directory = new TestDirectory()
                .group(WEB, GroupType.ODOO, List.of(LOCAL), Map.of())
                .scope(WEB, "dev", true, Role.DEVELOPER, List.of())
                .scope(WEB, "production", false, Role.ADMIN, List.of())
                .scope(WEB, "strict", true, Role.DEVELOPER, List.of(), Concurrency.REJECT);
        when(directory.directory().latestPush(eq(SHOP_IMAGE))).thenReturn(Optional.of(
                new LatestPush("registry.example.com/shop", "2.0", DIGEST)));
        fixture.registerInjectableResource(directory.directory());
        fixture.registerInjectableResource(TestDirectory.types());
        fixture.registerInjectableResource(new Jobs(new BookJobSettings(Duration.ofMinutes(10),
                Duration.ofSeconds(30), Duration.ofSeconds(30))));
        fixture.registerInjectableResource(new ActionQueueSettings(3));
    }

    /** An odoo deployment with its database set and subscribed to its image, so every action can run. */
    private static DeploymentCreated created(String scope, List<Service> services) {
        return deploymentCreated(ID, "acme", "web", GroupType.ODOO, "shop",
                new DeploymentSpec(scope, List.of(LOCAL), null, null, IMAGE, "abc1234", services,
                        Map.of("database", "pgo://acme/db"), SHOP_IMAGE), List.of());
    }

    private static DeploymentCreated created(String scope) {
        return created(scope, List.of(new Service("shop", IMAGE, 1, List.of())));
    }

    private static final DeploymentCreated DEV = created("dev");
    private static final List<Service> TWO = List.of(new Service("web", IMAGE, 2, List.of()),
            new Service("worker", "registry.example.com/worker:1.0", 1, List.of()));

    private static ActionInput inputFor(Action action) {
        return action == Action.ROLLBACK ? new ActionInput(null, null, null, null, null, 1, null, null) : ActionInput.NONE;
    }

    static Stream<Arguments> everyNamedStateActionAndScope() {
        List<Arguments> cases = new ArrayList<>();
        ActionRules.table().forEach((lifecycle, byStatus) -> byStatus.keySet().stream()
                .filter(status -> Histories.reaching(DEV, lifecycle, status).isPresent()).forEach(status -> {
            for (Action action : Action.values()) {
                if (action != Action.CANCEL) {
                    for (String scope : List.of("dev", "production", "strict")) {
                        cases.add(Arguments.of(lifecycle, status, action, scope));
                    }
                }
            }
        }));
        return cases.stream();
    }

    /**
     * Generated from {@link ActionRules}: in every state the table names and some history reaches, each action is
     * started, queued or refused exactly as the table (narrowed by the scope) says.
     */
    @ParameterizedTest(name = "{2} in {0} × {1}, scope {3}")
    @MethodSource("everyNamedStateActionAndScope")
    void anActionIsTakenExactlyWhenTheTableAllowsIt(Lifecycle lifecycle, DeploymentStatus status, Action action,
                                                    String scope) {
        DeploymentCreated created = created(scope);
        Optional<List<Object>> history = Histories.reaching(created, lifecycle, status);
        var policy = directory.directory().scope(WEB, scope).orElseThrow();
        List<Action> allowed = ActionRules.allowed(lifecycle, status, policy.allowDrop(), policy.concurrency());
        ResultValidator<Deployment> then = fixture.given(history.orElseThrow())
                .when(new RequestAction(ID, action, job("new"), inputFor(action), null), BOB);
        if (!allowed.contains(action)) {
            then.expectNoEvents().expectException(refusedWith(allowed));
        } else if (ActionRules.queues(status)) {
            then.expectEventsMatching(queuedAs(action, status));
        } else if (action == Action.REDEPLOY && (status == DeploymentStatus.DEPLOYED || status == DeploymentStatus.RESTARTED)) {
            then.expectEvents(new RedeploySkipped(ID, null, 2, status))
                    .expectResultMessagePayload(new ActionAccepted(null, false, false, false));
        } else {
            then.expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(ActionAccepted.started(job("new")))
                    .expectEventsMatching(endsWithStartOf(action));
        }
    }

    @Test
    void theTableIsCompleteForEveryStateAHistoryReaches() {
        for (Lifecycle lifecycle : Lifecycle.values()) {
            for (DeploymentStatus status : DeploymentStatus.values()) {
                if (Histories.reaching(DEV, lifecycle, status).isPresent() && lifecycle != Lifecycle.DROPPED) {
                    assertThat(ActionRules.table().get(lifecycle)).as(lifecycle + " × " + status).containsKey(status);
                }
            }
        }
        assertThat(ActionRules.allowed(Lifecycle.DEPLOY, DeploymentStatus.DEPLOYING, true, Concurrency.REJECT))
                .containsExactly(Action.CANCEL);
        assertThat(ActionRules.allowed(Lifecycle.DEPLOY, DeploymentStatus.DEPLOYED, false, Concurrency.QUEUE))
                .doesNotContain(Action.DROP).contains(Action.ROLLBACK, Action.RESTART, Action.PAUSE);
    }

    @Test
    void aDeployTakesTheStrategyItNamesOrItsGroupsAndEachHasItsBook() {
        Histories deployed = Histories.of(DEV).idleIn(Lifecycle.DEPLOY);
        fixture.given(deployed.events())
                .when(new RequestAction(ID, Action.DEPLOY, job("j9"), new ActionInput(null, null, null, null,
                        Strategy.BLUE_GREEN, null, null, null), null), BOB)
                .expectEventsMatching(startedWithBook("odoo.deploy-blue-green"));
        fixture.given(deployed.events())
                .when(new RequestAction(ID, Action.DEPLOY, job("j9"), new ActionInput(null, null, null, null,
                        Strategy.RECREATE, null, null, null), null), BOB)
                .expectEventsMatching(jobWhoseWorkloadStep("recreate"));
        directory.group(WEB, GroupType.ODOO, List.of(LOCAL), Map.of(), Strategy.CANARY);
        fixture.given(deployed.events())
                .when(new RequestAction(ID, Action.DEPLOY, job("j9")), BOB)
                .expectEventsMatching(startedWithBook("odoo.deploy-canary"));
    }

    /** A canary is compared with what runs: the first deploy of a canary group simply rolls out, and says so. */
    @Test
    void aCanaryWithNothingRunningRollsOut() {
        directory.group(WEB, GroupType.ODOO, List.of(LOCAL), Map.of(), Strategy.CANARY);
        fixture.given(Histories.of(DEV).idleIn(Lifecycle.INITIALIZE).events())
                .when(new RequestAction(ID, Action.DEPLOY, job("j9")), BOB)
                .expectEventsMatching(startedWithBook("odoo.deploy"))
                .expectEventsMatching(containing(new ReleaseRecorded(ID, ACME_PROJECT, new Release(1,
                        List.of(new ReleasedService("shop", IMAGE, null, 1, List.of())), "abc1234", null, null,
                        job("j9"), Strategy.ROLLING))));
    }

    @Nested
    class Canary {
        private final List<Object> canaryRunning = append(Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events(),
                new ReleaseRecorded(ID, ACME_PROJECT, new Release(3, List.of(new ReleasedService("shop", IMAGE, null, 1,
                        List.of())), "abc1234", null, null, job("c1"), Strategy.CANARY)),
                new ActionStarted(ID, ACME_PROJECT, job("c1"), Action.DEPLOY, "odoo.deploy-canary", IMAGE, 3, false,
                        "bob", null, DeploymentStatus.DEPLOYING));

        /** A failed check fails the deploy, and a job of the restore Book removes the canary at once. */
        @Test
        void aFailedCanaryIsAbortedByARestoreJobThatRemovesIt() {
            fixture.given(canaryRunning)
                    .when(new FailAction(ID, job("c1"), "GET / on Service shop-canary answered 500"))
                    .expectEventsMatching(payloads(ActionFailed.class, ActionStarted.class, JobCreated.class))
                    .expectEventsMatching(containing(new ActionFailed(ID, job("c1"), Action.DEPLOY,
                            "GET / on Service shop-canary answered 500", DeploymentStatus.DEPLOYMENT_ERROR)))
                    .expectEventsMatching(startedWithBook("odoo.restore"))
                    .expectEventsMatching(startedBecause("removes the canary of job " + job("c1").value()
                            + ", which failed, and restores release v2"))
                    .expectEventsMatching(startedWithStatus(DeploymentStatus.ABORTING));
        }

        @Test
        void theAbortEndsInErrorWithThePreviousReleaseStillActive() {
            List<Object> aborting = append(canaryRunning,
                    new ActionFailed(ID, job("c1"), Action.DEPLOY, "check failed", DeploymentStatus.DEPLOYMENT_ERROR),
                    new ActionStarted(ID, ACME_PROJECT, job("r1"), Action.DEPLOY, "odoo.restore", IMAGE, 2, true,
                            "system", "removes the canary of job c1", DeploymentStatus.ABORTING));
            fixture.given(aborting)
                    .when(new CompleteAction(ID, job("r1")))
                    .expectEvents(new ActionCompleted(ID, job("r1"), Action.DEPLOY, Lifecycle.DEPLOY, 2,
                            DeploymentStatus.DEPLOYMENT_ERROR, null, null));
            fixture.given(aborting)
                    .when(new FailAction(ID, job("r1"), "the API server is gone"))
                    .expectEvents(new ActionFailed(ID, job("r1"), Action.DEPLOY,
                            "removing the canary and restoring release v2 failed: the API server is gone",
                            DeploymentStatus.DEPLOYMENT_ERROR));
        }

        @Test
        void aCancelledCanaryIsRemovedByTheRestoreBook() {
            fixture.given(append(canaryRunning, new CancelRequested(ID, job("c1"), "cancelled by bob",
                            DeploymentStatus.CANCELLING)))
                    .when(new RecordCancellation(ID, job("c1"), "cancelled by bob"))
                    .expectEventsMatching(startedWithBook("odoo.restore"))
                    .expectEventsMatching(startedBecause("restores release v2 after job " + job("c1").value()
                            + " was cancelled"));
        }

        @Test
        void aFailedRollingDeployStartsNothing() {
            Histories failing = Histories.of(DEV).idleIn(Lifecycle.DEPLOY).start(Action.DEPLOY);
            fixture.given(failing.events())
                    .when(new FailAction(ID, failing.runningJob(), "image pull failed"))
                    .expectEvents(new ActionFailed(ID, failing.runningJob(), Action.DEPLOY, "image pull failed",
                            DeploymentStatus.DEPLOYMENT_ERROR));
        }
    }

    @Test
    void aRefusedDropSaysTheScopeForbidsIt() {
        fixture.given(Histories.of(created("production")).idleIn(Lifecycle.DEPLOY).events())
                .when(new RequestAction(ID, Action.DROP, job("j9")), BOB)
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("scope 'production' does not allow drop"));
    }

    @Nested
    class Releases {
        private final Histories deployed = Histories.of(created("dev", TWO)).idleIn(Lifecycle.DEPLOY);

        @Test
        void aPartialDeployChangesOnlyTheListedServicesAndInheritsTheOthersFromTheActiveRelease() {
            var input = new ActionInput(List.of(new ServiceVersion("worker", "registry.example.com/worker:2.0", null,
                    null)), null, null, null, null, null, "worker 2.0", null);
            ReleasedService web = new ReleasedService("web", IMAGE, null, 2, List.of());
            ReleasedService worker = new ReleasedService("worker", "registry.example.com/worker:2.0", null, 1, List.of());
            fixture.given(deployed.events())
                    .when(new RequestAction(ID, Action.DEPLOY, job("j9"), input, null), BOB)
                    .expectEventsMatching(payloads(
                            DeploymentChanged.class, ReleaseRecorded.class, ActionStarted.class, JobCreated.class))
                    .expectState(state -> assertThat(state).isNotNull());
            fixture.given(deployed.events())
                    .when(new RequestAction(ID, Action.DEPLOY, job("j9"), input, null), BOB)
                    .expectEventsMatching(containing(new ReleaseRecorded(ID, ACME_PROJECT,
                            new Release(3, List.of(web, worker), "abc1234", "worker 2.0", null, job("j9"),
                            Strategy.ROLLING))));
        }

        @Test
        void aServiceTheDeploymentDoesNotHaveIsRefusedBeforeAnythingIsRecorded() {
            var input = new ActionInput(List.of(new ServiceVersion("db", "postgres:17", null, null)), null, null,
                    null, null, null, null, null);
            fixture.given(deployed.events())
                    .when(new RequestAction(ID, Action.DEPLOY, job("j9"), input, null), BOB)
                    .expectNoEvents().expectException(InvalidInputException.class);
        }

        @Test
        void aReleaseBecomesActiveOnlyWhenItsJobSucceeds() {
            Histories failed = Histories.of(DEV).idleIn(Lifecycle.DEPLOY).start(Action.DEPLOY);
            JobId running = failed.runningJob();
            fixture.given(failed.events())
                    .when(new FailAction(ID, running, "image pull failed"))
                    .expectEvents(new ActionFailed(ID, running, Action.DEPLOY, "image pull failed",
                            DeploymentStatus.DEPLOYMENT_ERROR));
            // Release 3 never ran: it cannot be rolled back to, and release 2 is still the active one.
            fixture.given(failed.fail().events())
                    .when(new RequestAction(ID, Action.ROLLBACK, job("j9"), new ActionInput(null, null, null, null,
                            null, 3, null, null), null), BOB)
                    .expectNoEvents().expectException(io.eyrie.commandside.Refusals.invalid("release"));
            fixture.given(Histories.of(DEV).idleIn(Lifecycle.DEPLOY).start(Action.DEPLOY).events())
                    .when(new CompleteAction(ID, running))
                    .expectEvents(new ActionCompleted(ID, running, Action.DEPLOY, Lifecycle.DEPLOY, 3,
                            DeploymentStatus.DEPLOYED, null, null));
        }

        @Test
        void aRollbackRecordsANewReleaseWithTheOldSnapshotAndPinsTheDeployment() {
            Release first = deployed.release(1, job("h2"));
            fixture.given(deployed.events())
                    .when(new RequestAction(ID, Action.ROLLBACK, job("j9"), new ActionInput(null, null, null, null,
                            null, 1, "bad worker", null), null), BOB)
                    .expectEventsMatching(containing(new ReleaseRecorded(ID, ACME_PROJECT, new Release(3,
                            first.services(), first.commitRef(), "bad worker", 1, job("j9"), Strategy.ROLLING))));
            // Pinned: a push of the subscribed image deploys nothing until someone un-pins it.
            List<Object> rolledBack = new ArrayList<>(deployed.events());
            rolledBack.add(new ReleaseRecorded(ID, ACME_PROJECT, new Release(3, first.services(), null, null, 1,
                    job("j9"), null)));
            rolledBack.add(new ActionStarted(ID, ACME_PROJECT, job("j9"), Action.ROLLBACK, "odoo.deploy", IMAGE, 3,
                    false, "bob", null, DeploymentStatus.DEPLOYING));
            rolledBack.add(new ActionCompleted(ID, job("j9"), Action.ROLLBACK, Lifecycle.DEPLOY, 3,
                    DeploymentStatus.DEPLOYED, null, null));
            fixture.given(rolledBack)
                    .when(new DeployPushedImage(ID, job("push"), "registry.example.com/shop", "2.0", DIGEST))
                    .expectEvents(new ImagePushIgnored(ID, "registry.example.com/shop", "2.0", DIGEST,
                            "a rollback pinned the deployment at release v3"));
            fixture.given(rolledBack).when(new UnpinDeployment(ID)).expectEvents(new DeploymentUnpinned(ID, 3));
            rolledBack.add(new DeploymentUnpinned(ID, 3));
            fixture.given(rolledBack)
                    .when(new DeployPushedImage(ID, job("push"), "registry.example.com/shop", "2.0", DIGEST))
                    .expectEventsMatching(endsWithStartOf(Action.DEPLOY_LATEST));
        }

        @Test
        void deployLatestPinsTheNewestPushByDigestAndTheSpecFollows() {
            fixture.given(Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events())
                    .when(new RequestAction(ID, Action.DEPLOY_LATEST, job("j9")), BOB)
                    .expectEventsMatching(containing(new ReleaseRecorded(ID, ACME_PROJECT, new Release(3,
                            List.of(new ReleasedService("shop", "registry.example.com/shop:2.0", DIGEST, 1, List.of())),
                            "abc1234", null, null, job("j9"), Strategy.ROLLING))));
        }

        @Test
        void aRedeployWithNothingToChangeRunsNothingButIsRecorded() {
            fixture.given(Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events())
                    .when(new RequestAction(ID, Action.REDEPLOY, job("j9")), BOB)
                    .expectEvents(new RedeploySkipped(ID, null, 2, DeploymentStatus.DEPLOYED))
                    .expectResultMessagePayload(new ActionAccepted(null, false, false, false));
        }

        @Test
        void aRestartRecordsNoRelease() {
            fixture.given(Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events())
                    .when(new RequestAction(ID, Action.RESTART, job("j9")), BOB)
                    .expectEventsMatching(payloads(ActionStarted.class, JobCreated.class));
        }

        @Test
        void recordInitialAdoptsWhatRunsOnceAndThenAnswersTheSameRelease() {
            Release initial = new Release(1, List.of(new ReleasedService("shop", IMAGE, null, 1, List.of())),
                    "abc1234", "recorded from what runs", null, null, null);
            fixture.given(DEV).when(new RecordInitialRelease(ID, null))
                    .expectEvents(new InitialReleaseRecorded(ID, ACME_PROJECT, initial))
                    .expectResultMessagePayload(1);
            fixture.given(DEV, new InitialReleaseRecorded(ID, ACME_PROJECT, initial))
                    .when(new RecordInitialRelease(ID, null))
                    .expectNoEvents().expectResultMessagePayload(1);
            fixture.given(Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events())
                    .when(new RecordInitialRelease(ID, null))
                    .expectNoEvents().expectException(ActionRefusedException.class);
        }
    }

    @Nested
    class Queue {
        private final Histories deploying = Histories.of(DEV).idleIn(Lifecycle.DEPLOY).start(Action.DEPLOY);

        private ActionQueued queued(String job, Action action, DeploymentStatus status) {
            return new ActionQueued(ID, ACME_PROJECT, job(job), action, ActionInput.NONE, null,
                    "job " + deploying.runningJob().value() + " (deploy) is running", status, null);
        }

        @Test
        void anActionAskedForWhileAJobRunsWaitsAndTheSameRequestOfTheSameUserIsMerged() {
            fixture.given(deploying.events())
                    .when(new RequestAction(ID, Action.RESTART, job("q1")), BOB)
                    .expectEvents(queued("q1", Action.RESTART, DeploymentStatus.DEPLOYING))
                    .expectResultMessagePayload(new ActionAccepted(job("q1"), true, false, true));
            List<Object> one = append(deploying.events(), byBob(queued("q1", Action.RESTART, DeploymentStatus.DEPLOYING)));
            fixture.given(one)
                    .when(new RequestAction(ID, Action.RESTART, job("q2")), BOB)
                    .expectEvents(new ActionMerged(ID, job("q1"), Action.RESTART))
                    .expectResultMessagePayload(new ActionAccepted(job("q1"), true, true, true));
            fixture.given(one)
                    .when(new RequestAction(ID, Action.RESTART, job("q2")), CAROL)
                    .expectEvents(queued("q2", Action.RESTART, DeploymentStatus.DEPLOYING));
        }

        @Test
        void theQueueHasABoundAndAScopeThatRejectsRefusesInstead() {
            List<Object> full = append(deploying.events(), queued("q1", Action.RESTART, DeploymentStatus.DEPLOYING),
                    queued("q2", Action.PAUSE, DeploymentStatus.DEPLOYING),
                    queued("q3", Action.REDEPLOY, DeploymentStatus.DEPLOYING));
            fixture.given(full)
                    .when(new RequestAction(ID, Action.DROP, job("q4")), BOB)
                    .expectNoEvents().expectException(QueueFullException.class);
            fixture.given(Histories.of(created("strict")).idleIn(Lifecycle.DEPLOY).start(Action.DEPLOY).events())
                    .when(new RequestAction(ID, Action.RESTART, job("q1")), BOB)
                    .expectNoEvents().expectException(refusedWith(List.of(Action.CANCEL)))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("refuses rather than queues"));
        }

        @Test
        void whenTheJobEndsTheNextWaitingActionStartsAndOneNoLongerAllowedIsRefused() {
            JobId running = deploying.runningJob();
            List<Object> waiting = append(deploying.events(), queued("q1", Action.DROP, DeploymentStatus.DEPLOYING),
                    queued("q2", Action.RESTART, DeploymentStatus.DEPLOYING));
            fixture.given(waiting)
                    .when(new CompleteAction(ID, running))
                    .expectEventsMatching(payloads(ActionCompleted.class, ActionStarted.class, JobCreated.class));
            // The drop ran first; when the restart's turn comes, a dropped deployment allows nothing.
            List<Object> dropping = append(waiting, new ActionCompleted(ID, running, Action.DEPLOY, Lifecycle.DEPLOY,
                    3, DeploymentStatus.DEPLOYED, null, null), new ActionStarted(ID, ACME_PROJECT, job("q1"), Action.DROP,
                    "odoo.drop", IMAGE, null, false, "bob", null, DeploymentStatus.DROPPING));
            fixture.given(dropping)
                    .when(new CompleteAction(ID, job("q1")))
                    .expectEvents(new ActionCompleted(ID, job("q1"), Action.DROP, Lifecycle.DROPPED, null,
                                    DeploymentStatus.DROPPED, null, null),
                            new QueuedActionRefused(ID, job("q2"), Action.RESTART, "the deployment was in lifecycle "
                                    + "'dropped' with status 'dropped'", List.of(),
                                    DeploymentStatus.DROPPED));
        }

        @Test
        void aQueuedJobCanBeCancelledAndNeverStarts() {
            List<Object> waiting = append(deploying.events(), queued("q1", Action.RESTART, DeploymentStatus.DEPLOYING));
            fixture.given(waiting)
                    .when(new RequestCancel(ID, job("q1")), BOB)
                    .expectEvents(new QueuedActionCancelled(ID, job("q1"), Action.RESTART, "cancelled by bob",
                            DeploymentStatus.DEPLOYING))
                    .expectResultMessagePayload(job("q1"));
            fixture.given(append(waiting, new QueuedActionCancelled(ID, job("q1"), Action.RESTART, "cancelled by bob",
                            DeploymentStatus.DEPLOYING)))
                    .when(new CompleteAction(ID, deploying.runningJob()))
                    .expectEventsMatching(payloads(ActionCompleted.class));
        }
    }

    @Nested
    class DryRun {
        @Test
        void aDryRunSaysWhatWouldStartAndRecordsNothing() {
            fixture.given(Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events())
                    .when(new PlanAction(ID, Action.DEPLOY, new ActionInput(null, "registry.example.com/shop:2.0",
                            null, null, null, null, null, null), null), BOB)
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(plan(ActionPlan.Outcome.START, null, 3));
        }

        @Test
        void aDryRunNamesTheRuleThatQueuesMergesSkipsOrRefuses() {
            Histories deploying = Histories.of(DEV).idleIn(Lifecycle.DEPLOY).start(Action.DEPLOY);
            fixture.given(deploying.events())
                    .when(new PlanAction(ID, Action.RESTART, null, null), BOB)
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(plan(ActionPlan.Outcome.QUEUE, "it would wait behind job", null));
            fixture.given(append(deploying.events(), byBob(new ActionQueued(ID, ACME_PROJECT, job("q1"), Action.RESTART,
                            ActionInput.NONE, null, "job h6 (deploy) is running", DeploymentStatus.DEPLOYING, null))))
                    .when(new PlanAction(ID, Action.RESTART, null, null), BOB)
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(plan(ActionPlan.Outcome.MERGE, "already waits as job", null));
            fixture.given(Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events())
                    .when(new PlanAction(ID, Action.REDEPLOY, null, null), BOB)
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(plan(ActionPlan.Outcome.SKIP, "nothing differs", null));
            fixture.given(Histories.of(created("production")).idleIn(Lifecycle.DEPLOY).events())
                    .when(new PlanAction(ID, Action.DROP, null, null), BOB)
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(plan(ActionPlan.Outcome.REFUSE, "does not allow drop", null));
            fixture.given(deploying.events())
                    .when(new PlanAction(ID, Action.CANCEL, null, null), BOB)
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(plan(ActionPlan.Outcome.START,
                            "then a job puts release v2 back", null));
        }

        private Matcher<Object> plan(ActionPlan.Outcome outcome, String rule, Integer release) {
            return new TypeSafeMatcher<>() {
                @Override
                protected boolean matchesSafely(Object item) {
                    return item instanceof ActionPlan plan && plan.outcome() == outcome
                            && (rule == null ? plan.rule() == null : plan.rule() != null && plan.rule().contains(rule))
                            && (release == null || plan.release() != null && plan.release().version() == release);
                }

                @Override
                public void describeTo(Description description) {
                    description.appendText("a plan to ").appendValue(outcome).appendText(" because ").appendValue(rule);
                }
            };
        }
    }

    @Nested
    class Freezes {
        private void frozen(boolean refuse) {
            Instant now = fixture.currentTime();
            directory.scope(WEB, new Directory.ScopePolicy("dev", true, Role.DEVELOPER, Concurrency.QUEUE, List.of(),
                    null, null, List.of(new Freeze("release-week", now.minusSeconds(60), now.plusSeconds(3600), refuse))));
        }

        @Test
        void aDeployInAFreezeWaitsInTheQueueUntilItEndsWhileOtherActionsGoOn() {
            frozen(false);
            List<Object> deployed = Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events();
            fixture.given(deployed)
                    .when(new RequestAction(ID, Action.DEPLOY, job("j9")), BOB)
                    .expectEventsMatching(payloads(ActionQueued.class))
                    .expectEventsMatching(containing(new ActionQueued(ID, ACME_PROJECT, job("j9"), Action.DEPLOY,
                            ActionInput.NONE, null, "freeze 'release-week' until " + fixture.currentTime().plusSeconds(3600),
                            DeploymentStatus.QUEUED, fixture.currentTime().plusSeconds(3600))));
            fixture.given(deployed)
                    .when(new RequestAction(ID, Action.RESTART, job("j9")), BOB)
                    .expectEventsMatching(endsWithStartOf(Action.RESTART));
        }

        @Test
        void aWakeUpWhileTheFreezeLastsHoldsAgainAndOneAfterItStartsTheDeploy() {
            frozen(false);
            Instant until = fixture.currentTime().plusSeconds(3600);
            List<Object> held = append(Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events(),
                    byBob(new ActionQueued(ID, ACME_PROJECT, job("j9"), Action.DEPLOY, ActionInput.NONE, null,
                            "freeze 'release-week' until " + until, DeploymentStatus.QUEUED, until)));
            fixture.given(held).when(new ResumeQueue(ID))
                    .expectEvents(new QueueHeld(ID, job("j9"), "freeze 'release-week' until " + until, until,
                            DeploymentStatus.QUEUED));
            directory.scope(WEB, "dev", true, Role.DEVELOPER, List.of());
            fixture.given(held).when(new ResumeQueue(ID)).expectEventsMatching(endsWithStartOf(Action.DEPLOY));
        }

        @Test
        void aFreezeThatRefusesRefusesAndAnAdminOverridesItWithAReason() {
            frozen(true);
            List<Object> deployed = Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events();
            fixture.given(deployed)
                    .when(new RequestAction(ID, Action.DEPLOY, job("j9")), BOB)
                    .expectNoEvents().expectExceptionMessage(org.hamcrest.Matchers.containsString("frozen by 'release-week'"));
            ActionInput override = new ActionInput(null, null, null, null, null, null, null, "hotfix for INC-42");
            fixture.given(deployed)
                    .when(new RequestAction(ID, Action.DEPLOY, job("j9"), override, null), BOB)
                    .expectEventsMatching(endsWithStartOf(Action.DEPLOY))
                    .expectEventsMatching(startedBecause("freeze 'release-week' overridden by bob: hotfix for INC-42"));
            org.mockito.Mockito.doThrow(new io.eyrie.platform.web.ForbiddenException("needs admin"))
                    .when(directory.directory()).requireRoleToAct(eq(ACME_PROJECT), eq(WEB), eq(ID), eq("dev"),
                            eq(Role.ADMIN), eq("bob"), org.mockito.ArgumentMatchers.isNull(), org.mockito.ArgumentMatchers.anyString());
            fixture.given(deployed)
                    .when(new RequestAction(ID, Action.DEPLOY, job("j9"), override, null), BOB)
                    .expectNoEvents().expectException(io.eyrie.platform.web.ForbiddenException.class);
        }
    }

    @Nested
    class Timers {
        private static final Directory.ScopePolicy TIMED = new Directory.ScopePolicy("timed", true, Role.DEVELOPER,
                Concurrency.QUEUE, List.of(), 3600L, 7200L);

        @BeforeEach
        void timedScope() {
            directory.scope(WEB, TIMED);
        }

        private Instant now() {
            return fixture.currentTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        }

        @Test
        void aDeployStartsTheScopesTimersAndTheCardShowsThem() {
            Histories deploying = Histories.of(created("timed")).idleIn(Lifecycle.INITIALIZE).start(Action.DEPLOY);
            fixture.given(deploying.events())
                    .when(new CompleteAction(ID, deploying.runningJob()))
                    .expectEvents(new ActionCompleted(ID, deploying.runningJob(), Action.DEPLOY, Lifecycle.DEPLOY, 1,
                            DeploymentStatus.DEPLOYED, now().plusSeconds(3600), now().plusSeconds(7200)));
        }

        @Test
        void aDueTimerPausesAsSystemNamingTheTimerAndALaterDeployMovesIt() {
            Instant pauseAt = Instant.parse("2026-12-02T10:00:00Z");
            List<Object> deployed = append(Histories.of(created("timed")).idleIn(Lifecycle.INITIALIZE).start(Action.DEPLOY)
                    .events(), new ActionCompleted(ID, job("h2"), Action.DEPLOY, Lifecycle.DEPLOY, 1,
                    DeploymentStatus.DEPLOYED, pauseAt, pauseAt.plusSeconds(3600)));
            fixture.given(deployed)
                    .when(new FireScopeTimer(ID, Action.PAUSE, pauseAt))
                    .expectEventsMatching(endsWithStartOf(Action.PAUSE))
                    .expectEventsMatching(startedBySystemBecause("scope 'timed' pauses a deployment 3600 s after it "
                            + "was deployed"));
            // Not its timer any more: a deploy since moved it.
            fixture.given(deployed)
                    .when(new FireScopeTimer(ID, Action.PAUSE, pauseAt.minusSeconds(60)))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void aTimerThatCannotActIsRecordedAsSkipped() {
            Instant dropAt = Instant.parse("2026-12-02T10:00:00Z");
            directory.scope(WEB, new Directory.ScopePolicy("timed", true, Role.DEVELOPER, Concurrency.REJECT,
                    List.of(), 3600L, 7200L));
            List<Object> restarting = append(Histories.of(created("timed")).idleIn(Lifecycle.INITIALIZE)
                            .start(Action.DEPLOY).events(),
                    new ActionCompleted(ID, job("h2"), Action.DEPLOY, Lifecycle.DEPLOY, 1, DeploymentStatus.DEPLOYED,
                            null, dropAt),
                    new ActionStarted(ID, ACME_PROJECT, job("h3"), Action.RESTART, "odoo.restart", IMAGE, null, false,
                            "bob", null, DeploymentStatus.RESTARTING));
            fixture.given(restarting)
                    .when(new FireScopeTimer(ID, Action.DROP, dropAt))
                    .expectEventsMatching(payloads(ScopeTimerSkipped.class));
        }
    }

    @Nested
    class Cancel {
        @Test
        void cancelIsAlwaysAcceptedWhileAJobRunsAndAskingTwiceChangesNothing() {
            Histories running = Histories.of(created("strict")).idleIn(Lifecycle.DEPLOY).start(Action.RESTART);
            fixture.given(running.events())
                    .when(new RequestCancel(ID, null), BOB)
                    .expectEvents(new CancelRequested(ID, running.runningJob(), "cancelled by bob",
                            DeploymentStatus.CANCELLING))
                    .expectResultMessagePayload(running.runningJob());
            fixture.given(running.cancelRequested().events())
                    .when(new RequestCancel(ID, null), CAROL)
                    .expectNoEvents().expectResultMessagePayload(running.runningJob());
        }

        @Test
        void cancelWithNothingToCancelIsRefusedWithTheAllowedActions() {
            fixture.given(Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events())
                    .when(new RequestCancel(ID, null), BOB)
                    .expectNoEvents().expectException(refusedWith(ActionRules.allowed(Lifecycle.DEPLOY,
                            DeploymentStatus.DEPLOYED, true, Concurrency.QUEUE)));
        }

        @Test
        void aCancelledDeployPutsTheActiveReleaseBackAndTheCardSaysCancellingUntilItHas() {
            Histories deploying = Histories.of(DEV).idleIn(Lifecycle.DEPLOY).start(Action.DEPLOY).cancelRequested();
            JobId cancelled = deploying.runningJob();
            fixture.given(deploying.events())
                    .when(new RecordCancellation(ID, cancelled, "cancelled by bob"))
                    .expectEventsMatching(payloads(ActionCancelled.class, ActionStarted.class, JobCreated.class))
                    .expectEventsMatching(containing(new ActionCancelled(ID, cancelled, Action.DEPLOY,
                            "cancelled by bob", DeploymentStatus.CANCELLING)));
            // A deploy of another version changed the spec: the restore changes it back.
            List<Object> otherVersion = new ArrayList<>(deploying.events());
            otherVersion.add(new DeploymentChanged(ID, ACME_PROJECT, 2, List.of("image", "services"), DEV.spec(),
                    slow(DEV.spec())));
            fixture.given(otherVersion)
                    .when(new RecordCancellation(ID, cancelled, "cancelled by bob"))
                    .expectEventsMatching(payloads(ActionCancelled.class, DeploymentChanged.class, ActionStarted.class,
                            JobCreated.class))
                    .expectEventsMatching(containing(new DeploymentChanged(ID, ACME_PROJECT, 3,
                            List.of("image", "services"), slow(DEV.spec()), DEV.spec())));
        }

        @Test
        void theRestoreEndsCancelledWithThePreviousReleaseStillActive() {
            List<Object> restoring = append(Histories.of(DEV).idleIn(Lifecycle.DEPLOY).events(),
                    new ActionCancelled(ID, job("h9"), Action.DEPLOY, "cancelled by bob", DeploymentStatus.CANCELLING),
                    new ActionStarted(ID, ACME_PROJECT, job("r1"), Action.DEPLOY, "odoo.deploy", IMAGE, 2, true,
                            "system", "restores release v2 after job h9 was cancelled", DeploymentStatus.CANCELLING));
            fixture.given(restoring)
                    .when(new CompleteAction(ID, job("r1")))
                    .expectEvents(new ActionCompleted(ID, job("r1"), Action.DEPLOY, Lifecycle.DEPLOY, 2,
                            DeploymentStatus.CANCELLED, null, null));
        }

        @Test
        void aCancelledFirstDeployHasNothingToRestore() {
            Histories first = Histories.of(DEV).idleIn(Lifecycle.INITIALIZE).start(Action.DEPLOY);
            fixture.given(first.events())
                    .when(new RecordCancellation(ID, first.runningJob(), "cancelled by bob"))
                    .expectEvents(new ActionCancelled(ID, first.runningJob(), Action.DEPLOY, "cancelled by bob",
                            DeploymentStatus.CANCELLED));
        }
    }

    private static DeploymentSpec slow(DeploymentSpec spec) {
        String slow = "registry.example.com/shop:slow";
        return new DeploymentSpec(spec.scope(), spec.clusters(), spec.repository(), spec.branch(), slow,
                spec.commitRef(), List.of(new Service("shop", slow, 1, List.of())), spec.config(), spec.subscribeTo());
    }

    private static List<Object> append(List<Object> history, Object... more) {
        List<Object> all = new ArrayList<>(history);
        all.addAll(List.of(more));
        return all;
    }

    private static Matcher<Object> refusedWith(List<Action> allowed) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof ActionRefusedException refused && refused.allowedActions().equals(allowed);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("refused with allowed actions ").appendValue(allowed);
            }
        };
    }

    /** The events end with the start of {@code action}'s job. */
    private static Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> endsWithStartOf(Action action) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<org.axonframework.eventhandling.EventMessage<?>> events) {
                int n = events.size();
                return n >= 2 && events.get(n - 2).getPayload() instanceof ActionStarted started
                        && started.action() == action && events.get(n - 1).getPayload() instanceof JobCreated;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("events ending with the start of a ").appendValue(action.wire()).appendText(" job");
            }
        };
    }

    private static Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> queuedAs(Action action,
                                                                                     DeploymentStatus status) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<org.axonframework.eventhandling.EventMessage<?>> events) {
                return events.size() == 1 && events.getFirst().getPayload() instanceof ActionQueued queued
                        && queued.action() == action && queued.status() == status && queued.jobId().equals(job("new"));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("one queued ").appendValue(action.wire());
            }
        };
    }

    private static Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> startedBySystemBecause(String reason) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<org.axonframework.eventhandling.EventMessage<?>> events) {
                return events.stream().anyMatch(event -> event.getPayload() instanceof ActionStarted started
                        && started.requestedBy().equals("system") && reason.equals(started.reason()));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a job started by system because ").appendValue(reason);
            }
        };
    }

    private static Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> startedWithStatus(DeploymentStatus status) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<org.axonframework.eventhandling.EventMessage<?>> events) {
                return events.stream().anyMatch(event -> event.getPayload() instanceof ActionStarted started
                        && started.status() == status);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a job started with the status ").appendValue(status);
            }
        };
    }

    private static Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> startedWithBook(String book) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<org.axonframework.eventhandling.EventMessage<?>> events) {
                return events.stream().anyMatch(event -> event.getPayload() instanceof ActionStarted started
                        && started.book().equals(book));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a job of the Book ").appendValue(book);
            }
        };
    }

    private static Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> jobWhoseWorkloadStep(String strategy) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<org.axonframework.eventhandling.EventMessage<?>> events) {
                return events.stream().anyMatch(event -> event.getPayload() instanceof JobCreated created
                        && created.steps().stream().anyMatch(step -> step.kind() == io.eyrie.api.book.StepKind.APPLY_MANIFEST
                        && strategy.equals(step.with().get("strategy"))));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a job whose workload step has the strategy ").appendValue(strategy);
            }
        };
    }

    private static Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> startedBecause(String reason) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<org.axonframework.eventhandling.EventMessage<?>> events) {
                return events.stream().anyMatch(event -> event.getPayload() instanceof ActionStarted started
                        && reason.equals(started.reason()));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a job started because ").appendValue(reason);
            }
        };
    }

    /** As bob's own event. */
    private static Object byBob(Object event) {
        return org.axonframework.eventhandling.GenericEventMessage.asEventMessage(event).andMetaData(BOB);
    }

    /** Exactly these event types, in order. */
    private static Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> payloads(Class<?>... types) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<org.axonframework.eventhandling.EventMessage<?>> events) {
                return events.stream().map(event -> event.getPayload().getClass()).toList().equals(List.of(types));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("events of the types ").appendValue(List.of(types));
            }
        };
    }

    private static Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> containing(Object expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<org.axonframework.eventhandling.EventMessage<?>> events) {
                return events.stream().anyMatch(event -> event.getPayload().equals(expected));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("events including ").appendValue(expected);
            }
        };
    }
}
