package io.eyrie.job;

import io.eyrie.api.book.CancelJob;
import io.eyrie.api.book.FinishJobStep;
import io.eyrie.api.book.JobCancelled;
import io.eyrie.api.book.JobCreated;
import io.eyrie.api.book.JobExpired;
import io.eyrie.api.book.JobFailed;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobProgress;
import io.eyrie.api.book.JobResumed;
import io.eyrie.api.book.JobStarted;
import io.eyrie.api.book.JobState;
import io.eyrie.api.TestEvents;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.JobStepFailed;
import io.eyrie.api.book.JobStepStarted;
import io.eyrie.api.book.JobStepSucceeded;
import io.eyrie.api.book.JobStepRetried;
import io.eyrie.api.book.JobSucceeded;
import io.eyrie.api.book.RetryJobStep;
import io.eyrie.api.book.StartJob;
import io.eyrie.api.book.StartJobStep;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.Action;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.hamcrest.Matchers.equalTo;

class JobTest {
    private static final JobId ID = job("j-1");
    private static final List<JobStep> STEPS = List.of(
            new JobStep("ensure namespace", StepKind.ENSURE_NAMESPACE, Map.of(), 5, 60),
            new JobStep("apply secrets and config", StepKind.ENSURE_SECRET, Map.of(), 5, 60));
    private static final JobTarget TARGET = TestEvents.target("shop", "nginx:1.27");
    private static final JobCreated CREATED = new JobCreated(ID, deployment("d-1"), ACME_PROJECT, Action.INITIALIZE,
            "odoo.initialize", 1, "nginx:1.27", TARGET, STEPS, 600);
    private static final JobStarted STARTED = new JobStarted(ID, deployment("d-1"), "runner-a", "simulated", true);

    private AggregateTestFixture<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
        fixture.registerAnnotatedCommandHandler(new Creator(fixture.getRepository()));
    }

    /** Jobs are made by deployments; this stands in for one. */
    record Create(JobCreated created) {
    }

    record Creator(Repository<Job> jobs) {
        @CommandHandler
        void handle(Create command, DeadlineManager deadlines) throws Exception {
            jobs.newInstance(() -> new Job(command.created(), deadlines));
        }
    }

    @Nested
    class Creating {
        @Test
        void aNewJobIsPendingAndExpiresUnlessItEnds() {
            fixture.givenNoPriorActivity().when(new Create(CREATED))
                    .expectEvents(CREATED)
                    .expectScheduledDeadline(Duration.ofSeconds(600), new Job.Expiry(ID));
        }

        @Test
        void anUnstartedJobExpiresAndThenNobodyStartsIt() {
            fixture.givenNoPriorActivity().andGivenCommands(new Create(CREATED))
                    .whenThenTimeElapses(Duration.ofSeconds(601))
                    .expectEvents(new JobExpired(ID, deployment("d-1"),
                            "job " + ID.value() + " did not finish within PT10M; no runner started it"));
            fixture.given(CREATED, new JobExpired(ID, deployment("d-1"), "late"))
                    .when(new StartJob(ID, "runner-a", 0, "simulated", true))
                    .expectNoEvents().expectException(JobEndedException.class);
        }

        @Test
        void aJobThatEndedInTimeIsNotExpired() {
            fixture.givenNoPriorActivity().andGivenCommands(new Create(CREATED), new CancelJob(ID, "by alice"))
                    .whenThenTimeElapses(Duration.ofSeconds(601))
                    .expectNoEvents();
        }
    }

    @Nested
    class Running {
        @Test
        void aRunnerStartsAPendingJobAndLearnsItsSteps() {
            fixture.given(CREATED).when(new StartJob(ID, "runner-a", 0, "simulated", true))
                    .expectEvents(STARTED)
                    .expectResultMessagePayload(new JobProgress(ID, deployment("d-1"), "odoo.initialize", "nginx:1.27", TARGET,
                            STEPS, 0, null));
        }

        @Test
        void runnersUnderTheSameLeaseContinueSilentlyAndANewerLeaseTakesOver() {
            fixture.given(CREATED, STARTED, new JobStepStarted(ID, 0, "ensure namespace", "runner-a"),
                            new JobStepSucceeded(ID, 0, "ensure namespace", "done", "odoo.initialize", 0))
                    .when(new StartJob(ID, "runner-b", 0, "simulated", true))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(progressAt(1, false));
            fixture.given(CREATED, STARTED, new JobStepStarted(ID, 0, "ensure namespace", "runner-a"))
                    .when(new StartJob(ID, "runner-b", 1, "simulated", true))
                    .expectEvents(new JobResumed(ID, "runner-b", "runner-a", 0, 1))
                    .expectResultMessagePayloadMatching(progressAt(0, true));
        }

        @Test
        void stepsRunInOrderAndTheLastOneEndsTheJob() {
            fixture.given(CREATED, STARTED).when(new StartJobStep(ID, 0, "runner-a", 0))
                    .expectEvents(new JobStepStarted(ID, 0, "ensure namespace", "runner-a"));
            fixture.given(CREATED, STARTED, new JobStepStarted(ID, 0, "ensure namespace", "runner-a"))
                    .when(new FinishJobStep(ID, 0, "runner-a", 0, "created", null))
                    .expectEvents(new JobStepSucceeded(ID, 0, "ensure namespace", "created", "odoo.initialize", 0));
            fixture.given(CREATED, STARTED, new JobStepStarted(ID, 0, "ensure namespace", "runner-a"),
                            new JobStepSucceeded(ID, 0, "ensure namespace", "created", "odoo.initialize", 0),
                            new JobStepStarted(ID, 1, "apply secrets and config", "runner-a"))
                    .when(new FinishJobStep(ID, 1, "runner-a", 0, "applied", null))
                    .expectEvents(new JobStepSucceeded(ID, 1, "apply secrets and config", "applied", "odoo.initialize", 0),
                            new JobSucceeded(ID, deployment("d-1")));
        }

        @Test
        void aFailedStepFailsTheJob() {
            fixture.given(CREATED, STARTED, new JobStepStarted(ID, 0, "ensure namespace", "runner-a"))
                    .when(new FinishJobStep(ID, 0, "runner-a", 0, null, "forbidden"))
                    .expectEvents(new JobStepFailed(ID, 0, "ensure namespace", "forbidden"),
                            new JobFailed(ID, deployment("d-1"), "step 'ensure namespace' failed: forbidden"));
        }

        @Test
        void aFailureThatMayPassIsRetriedABoundedNumberOfTimes() {
            List<Object> running = new ArrayList<>(List.of(CREATED, STARTED,
                    new JobStepStarted(ID, 0, "ensure namespace", "runner-a")));
            fixture.given(running).when(new RetryJobStep(ID, 0, "runner-a", 0, "429 Too Many Requests"))
                    .expectEvents(new JobStepRetried(ID, 0, "ensure namespace", "429 Too Many Requests", 1))
                    .expectResultMessagePayload(1);
            for (int attempt = 1; attempt < Job.MAX_ATTEMPTS; attempt++) {
                running.add(new JobStepRetried(ID, 0, "ensure namespace", "503", attempt));
            }
            fixture.given(running).when(new RetryJobStep(ID, 0, "runner-a", 0, "503"))
                    .expectEvents(new JobStepFailed(ID, 0, "ensure namespace", "gave up after 5 attempts: 503"),
                            new JobFailed(ID, deployment("d-1"),
                                    "step 'ensure namespace' failed: gave up after 5 attempts: 503"))
                    .expectResultMessagePayload(0);
        }

        @Test
        void aResumedStepIsNotStartedTwiceAndReportsArriveOnce() {
            fixture.given(CREATED, STARTED, new JobStepStarted(ID, 0, "ensure namespace", "runner-a"))
                    .when(new StartJobStep(ID, 0, "runner-a", 0)).expectNoEvents().expectSuccessfulHandlerExecution();
            fixture.given(CREATED, STARTED, new JobStepStarted(ID, 0, "ensure namespace", "runner-a"),
                            new JobStepFailed(ID, 0, "ensure namespace", "x"), new JobFailed(ID, deployment("d-1"), "x"))
                    .when(new FinishJobStep(ID, 0, "runner-a", 0, null, "x")).expectNoEvents().expectSuccessfulHandlerExecution();
            fixture.given(CREATED, STARTED, new JobStepStarted(ID, 0, "ensure namespace", "runner-a"),
                            new JobStepSucceeded(ID, 0, "ensure namespace", "created", "odoo.initialize", 0))
                    .when(new FinishJobStep(ID, 0, "runner-a", 0, "created", null))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
        }

        @Test
        void aRunnerWhoseJobWasTakenOverIsRefused() {
            List<Object> takenOver = List.of(CREATED, STARTED, new JobStepStarted(ID, 0, "ensure namespace", "runner-a"),
                    new JobResumed(ID, "runner-b", "runner-a", 0, 1));
            fixture.given(takenOver).when(new FinishJobStep(ID, 0, "runner-a", 0, "done", null))
                    .expectNoEvents().expectException(JobTakenOverException.class);
            fixture.given(takenOver).when(new StartJob(ID, "runner-a", 0, "simulated", true))
                    .expectNoEvents().expectException(JobTakenOverException.class);
            fixture.given(takenOver).when(new FinishJobStep(ID, 0, "runner-b", 1, "done", null))
                    .expectEvents(new JobStepSucceeded(ID, 0, "ensure namespace", "done", "odoo.initialize", 0));
        }

        @Test
        void stepsOutOfOrderAreRefused() {
            fixture.given(CREATED).when(new StartJobStep(ID, 0, "runner-a", 0))
                    .expectNoEvents().expectException(JobStepRefusedException.class);
            fixture.given(CREATED, STARTED).when(new StartJobStep(ID, 1, "runner-a", 0))
                    .expectNoEvents().expectException(JobStepRefusedException.class);
            fixture.given(CREATED, STARTED).when(new FinishJobStep(ID, 0, "runner-a", 0, "early", null))
                    .expectNoEvents().expectException(JobStepRefusedException.class);
        }
    }

    @Nested
    class Ending {
        @Test
        void cancelEndsAPendingOrRunningJobAtOnce() {
            fixture.given(CREATED).when(new CancelJob(ID, "cancelled by alice"))
                    .expectEvents(new JobCancelled(ID, deployment("d-1"), "cancelled by alice"));
            fixture.given(CREATED, STARTED, new JobStepStarted(ID, 0, "ensure namespace", "runner-a"))
                    .when(new CancelJob(ID, "cancelled by alice"))
                    .expectEvents(new JobCancelled(ID, deployment("d-1"), "cancelled by alice"));
        }

        @Test
        void anEndedJobStaysAsItEnded() {
            fixture.given(CREATED, STARTED, new JobStepStarted(ID, 0, "ensure namespace", "runner-a"),
                            new JobStepFailed(ID, 0, "ensure namespace", "x"), new JobFailed(ID, deployment("d-1"), "x"))
                    .when(new CancelJob(ID, "too late")).expectNoEvents().expectSuccessfulHandlerExecution();
        }

        @ParameterizedTest
        @EnumSource(value = JobState.class, names = {"CANCELLED", "EXPIRED"})
        void aRunnerCannotGoOnWithAJobThatWasCancelledOrExpired(JobState ending) {
            List<Object> history = new ArrayList<>(List.of(CREATED, STARTED,
                    new JobStepStarted(ID, 0, "ensure namespace", "runner-a")));
            history.add(ending == JobState.CANCELLED ? new JobCancelled(ID, deployment("d-1"), "by alice")
                    : new JobExpired(ID, deployment("d-1"), "late"));
            fixture.given(history).when(new StartJob(ID, "runner-a", 0, "simulated", true))
                    .expectNoEvents().expectException(JobEndedException.class);
            fixture.given(history).when(new FinishJobStep(ID, 0, "runner-a", 0, "done", null))
                    .expectNoEvents().expectException(JobEndedException.class);
            fixture.given(history).when(new StartJobStep(ID, 0, "runner-a", 0))
                    .expectNoEvents().expectException(JobEndedException.class);
        }
    }

    private static org.hamcrest.Matcher<JobProgress> progressAt(int nextStep, boolean started) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(JobProgress progress) {
                return progress.nextStep() == nextStep && progress.stepStarted() == started;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("progress at step " + nextStep + (started ? ", started" : ", not started"));
            }
        };
    }
}
