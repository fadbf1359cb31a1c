package io.eyrie.commandside.deployment;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.CompleteAction;
import io.eyrie.api.deployment.DeployRequested;
import io.eyrie.api.deployment.Deployed;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DropRequested;
import io.eyrie.api.deployment.Dropped;
import io.eyrie.api.deployment.FailAction;
import io.eyrie.api.deployment.InitializeRequested;
import io.eyrie.api.deployment.Initialized;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.PauseRequested;
import io.eyrie.api.deployment.Paused;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.project.GroupType;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.eyrie.api.TestEvents.deploymentCreated;
import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.instanceOf;

class DeploymentTest {
    private static final DeploymentId ID = deployment("d-1");
    private static final String IMAGE = "registry.example.com/shop:1.0";
    private static final DeploymentCreated CREATED =
            deploymentCreated(ID, "acme", "web", GroupType.ODOO, "shop", "Production", IMAGE);

    private FixtureConfiguration<Deployment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Deployment.class);
    }

    /** Events that bring a fresh deployment to a lifecycle phase with no job running. */
    private static List<Object> historyReaching(Lifecycle lifecycle) {
        List<Object> history = new ArrayList<>(List.of(CREATED));
        if (lifecycle == Lifecycle.DRAFT) {
            return history;
        }
        history.addAll(List.of(new InitializeRequested(ID, ACME_PROJECT, job("j1"), "odoo.initialize", IMAGE), new Initialized(ID, job("j1"))));
        if (lifecycle == Lifecycle.INITIALIZE) {
            return history;
        }
        if (lifecycle == Lifecycle.DROPPED) {
            history.addAll(List.of(new DropRequested(ID, ACME_PROJECT, job("j2"), "odoo.drop", IMAGE), new Dropped(ID, job("j2"))));
            return history;
        }
        history.addAll(List.of(new DeployRequested(ID, ACME_PROJECT, job("j2"), "odoo.deploy", IMAGE), new Deployed(ID, job("j2"))));
        if (lifecycle == Lifecycle.DEPLOY) {
            return history;
        }
        history.addAll(List.of(new PauseRequested(ID, ACME_PROJECT, job("j3"), "odoo.pause", IMAGE), new Paused(ID, job("j3"))));
        return history;
    }

    private static final Map<Lifecycle, List<Action>> ALLOWED = Map.of(
            Lifecycle.DRAFT, List.of(Action.INITIALIZE, Action.DROP),
            Lifecycle.INITIALIZE, List.of(Action.DEPLOY, Action.DROP),
            Lifecycle.DEPLOY, List.of(Action.PAUSE, Action.DROP),
            Lifecycle.PAUSE, List.of(Action.DEPLOY, Action.DROP),
            Lifecycle.DROPPED, List.of());

    static Stream<Arguments> everyPhaseAndAction() {
        return Stream.of(Lifecycle.values())
                .flatMap(lifecycle -> Stream.of(Action.values()).map(action -> Arguments.of(lifecycle, action)));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyPhaseAndAction")
    void anActionIsAcceptedExactlyWhenTheLifecycleAllowsIt(Lifecycle lifecycle, Action action) {
        var then = fixture.given(historyReaching(lifecycle)).when(new RequestAction(ID, action, job("new-job")));
        if (ALLOWED.get(lifecycle).contains(action)) {
            String book = "odoo." + action.wire();
            Object requested = switch (action) {
                case INITIALIZE -> new InitializeRequested(ID, ACME_PROJECT, job("new-job"), book, IMAGE);
                case DEPLOY -> new DeployRequested(ID, ACME_PROJECT, job("new-job"), book, IMAGE);
                case PAUSE -> new PauseRequested(ID, ACME_PROJECT, job("new-job"), book, IMAGE);
                case DROP -> new DropRequested(ID, ACME_PROJECT, job("new-job"), book, IMAGE);
            };
            then.expectSuccessfulHandlerExecution().expectEvents(requested);
        } else {
            then.expectNoEvents().expectException(allOf(
                    instanceOf(ActionRefusedException.class),
                    hasProperty("message", containsString("allowed now")),
                    refusedWith(ALLOWED.get(lifecycle))));
        }
    }

    private static org.hamcrest.Matcher<Object> refusedWith(List<Action> allowed) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof ActionRefusedException refused && refused.allowedActions().equals(allowed);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("refused with allowed actions ").appendValue(allowed);
            }
        };
    }

    private static org.hamcrest.Matcher<Object> runningJob(String jobId) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof ActionRefusedException refused && jobId.equals(refused.runningJobId());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("refused because job ").appendValue(jobId).appendText(" runs");
            }
        };
    }

    @Test
    void actionsAreDispatchedToTheBookOfTheGroupType() {
        fixture.given(deploymentCreated(ID, "acme", "db", GroupType.PGO, "main", "Dev", "postgres:17"))
                .when(new RequestAction(ID, Action.INITIALIZE, job("j1")))
                .expectEvents(new InitializeRequested(ID, ACME_PROJECT, job("j1"), "pgo.initialize", "postgres:17"));
    }

    @Nested
    class WhileAJobRuns {
        @Test
        void everyActionIsRefusedAndTheRunningJobIsNamed() {
            fixture.given(CREATED, new InitializeRequested(ID, ACME_PROJECT, job("j1"), "odoo.initialize", IMAGE))
                    .when(new RequestAction(ID, Action.DROP, job("j2")))
                    .expectNoEvents()
                    .expectException(allOf(refusedWith(List.of()), runningJob(job("j1").value())));
        }

        @Test
        void successMovesTheLifecycleToTheActionsTarget() {
            fixture.given(CREATED, new InitializeRequested(ID, ACME_PROJECT, job("j1"), "odoo.initialize", IMAGE))
                    .when(new CompleteAction(ID, job("j1")))
                    .expectEvents(new Initialized(ID, job("j1")));
        }

        @Test
        void eachActionCompletesWithItsOwnEvent() {
            List<Object> deployed = historyReaching(Lifecycle.DEPLOY);
            fixture.given(append(historyReaching(Lifecycle.INITIALIZE), new DeployRequested(ID, ACME_PROJECT, job("j9"), "odoo.deploy", IMAGE)))
                    .when(new CompleteAction(ID, job("j9"))).expectEvents(new Deployed(ID, job("j9")));
            fixture.given(append(deployed, new PauseRequested(ID, ACME_PROJECT, job("j9"), "odoo.pause", IMAGE)))
                    .when(new CompleteAction(ID, job("j9"))).expectEvents(new Paused(ID, job("j9")));
            fixture.given(append(deployed, new DropRequested(ID, ACME_PROJECT, job("j9"), "odoo.drop", IMAGE)))
                    .when(new CompleteAction(ID, job("j9"))).expectEvents(new Dropped(ID, job("j9")));
        }

        @Test
        void failureIsRecordedWithTheAction() {
            fixture.given(append(historyReaching(Lifecycle.INITIALIZE), new DeployRequested(ID, ACME_PROJECT, job("j9"), "odoo.deploy", IMAGE)))
                    .when(new FailAction(ID, job("j9"), "image pull failed"))
                    .expectEvents(new ActionFailed(ID, job("j9"), Action.DEPLOY, "image pull failed"));
        }

        @Test
        void anOutcomeForAnotherJobIsRefused() {
            fixture.given(CREATED, new InitializeRequested(ID, ACME_PROJECT, job("j1"), "odoo.initialize", IMAGE))
                    .when(new CompleteAction(ID, job("other")))
                    .expectNoEvents()
                    .expectException(UnknownJobException.class);
        }
    }

    @Test
    void aFailedDeployLeavesTheLifecycleWhereItWas() {
        List<Object> failedDeploy = append(historyReaching(Lifecycle.INITIALIZE),
                new DeployRequested(ID, ACME_PROJECT, job("j9"), "odoo.deploy", IMAGE),
                new ActionFailed(ID, job("j9"), Action.DEPLOY, "image pull failed"));
        // Still in initialize: deploy may be retried, pause is not possible.
        fixture.given(failedDeploy).when(new RequestAction(ID, Action.PAUSE, job("j10")))
                .expectException(refusedWith(List.of(Action.DEPLOY, Action.DROP)));
        fixture.given(failedDeploy).when(new RequestAction(ID, Action.DEPLOY, job("j10")))
                .expectEvents(new DeployRequested(ID, ACME_PROJECT, job("j10"), "odoo.deploy", IMAGE));
    }

    @Test
    void anOutcomeWithoutARunningJobIsRefused() {
        fixture.given(CREATED)
                .when(new FailAction(ID, job("j1"), "late"))
                .expectNoEvents()
                .expectException(UnknownJobException.class);
    }

    private static List<Object> append(List<Object> history, Object... more) {
        List<Object> all = new ArrayList<>(history);
        all.addAll(List.of(more));
        return all;
    }
}
