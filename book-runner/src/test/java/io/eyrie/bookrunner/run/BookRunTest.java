package io.eyrie.bookrunner.run;

import io.eyrie.api.book.BookRunFailed;
import io.eyrie.api.book.BookRunStarted;
import io.eyrie.api.book.BookRunSucceeded;
import io.eyrie.api.book.BookStepFailed;
import io.eyrie.api.book.BookStepStarted;
import io.eyrie.api.book.BookStepSucceeded;
import io.eyrie.api.book.FinishBookStep;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.RunId;
import io.eyrie.api.book.StartBookRun;
import io.eyrie.api.book.StartBookStep;
import io.eyrie.api.deployment.DeploymentId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static io.eyrie.api.TestIds.run;
import static org.hamcrest.Matchers.containsString;

class BookRunTest {
    private static final JobId JOB = job("job-1");
    private static final RunId RUN = run("job-1");
    private static final DeploymentId DEPLOYMENT = deployment("dep-1");
    private static final List<String> STEPS = List.of("apply workload", "wait for rollout");

    private static final BookRunStarted STARTED =
            new BookRunStarted(RUN, JOB, DEPLOYMENT, "none.deploy", "simulated", true, STEPS);
    private static final BookStepStarted FIRST_STARTED = new BookStepStarted(RUN, JOB, 0, "apply workload");
    private static final BookStepSucceeded FIRST_SUCCEEDED =
            new BookStepSucceeded(RUN, JOB, 0, "apply workload", "applied");
    private static final BookStepStarted LAST_STARTED = new BookStepStarted(RUN, JOB, 1, "wait for rollout");

    private AggregateTestFixture<BookRun> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BookRun.class);
    }

    @Test
    void startsARunWithItsSteps() {
        fixture.givenNoPriorActivity()
                .when(new StartBookRun(RUN, JOB, DEPLOYMENT, "none.deploy", "simulated", true, STEPS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(STARTED);
    }

    @Test
    void refusesARunWithoutSteps() {
        fixture.givenNoPriorActivity()
                .when(new StartBookRun(RUN, JOB, DEPLOYMENT, "none.deploy", "simulated", true, List.of()))
                .expectException(BookRunRefusedException.class)
                .expectExceptionMessage(containsString("has no steps"))
                .expectNoEvents();
    }

    @Test
    void refusesARunIdThatIsNotDerivedFromTheJob() {
        fixture.givenNoPriorActivity()
                .when(new StartBookRun(run("other"), JOB, DEPLOYMENT, "none.deploy", "simulated", true, STEPS))
                .expectException(BookRunRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void startsTheFirstStep() {
        fixture.given(STARTED)
                .when(new StartBookStep(RUN, 0))
                .expectEvents(FIRST_STARTED);
    }

    @Test
    void refusesAStepOutOfOrder() {
        fixture.given(STARTED)
                .when(new StartBookStep(RUN, 1))
                .expectException(BookRunRefusedException.class)
                .expectExceptionMessage(containsString("the next step is 0"))
                .expectNoEvents();
    }

    @Test
    void refusesAStepWhileAnotherIsRunning() {
        fixture.given(STARTED, FIRST_STARTED)
                .when(new StartBookStep(RUN, 1))
                .expectException(BookRunRefusedException.class)
                .expectExceptionMessage(containsString("step 0 of run " + RUN.value() + " is still running"))
                .expectNoEvents();
    }

    @Test
    void refusesStartingTheSameStepTwice() {
        fixture.given(STARTED, FIRST_STARTED)
                .when(new StartBookStep(RUN, 0))
                .expectException(BookRunRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void recordsASucceededStepWithoutFinishingTheRun() {
        fixture.given(STARTED, FIRST_STARTED)
                .when(new FinishBookStep(RUN, 0, "applied", null))
                .expectEvents(FIRST_SUCCEEDED);
    }

    @Test
    void startsTheNextStepAfterASuccess() {
        fixture.given(STARTED, FIRST_STARTED, FIRST_SUCCEEDED)
                .when(new StartBookStep(RUN, 1))
                .expectEvents(LAST_STARTED);
    }

    @Test
    void succeedsTheRunWhenTheLastStepSucceeds() {
        fixture.given(STARTED, FIRST_STARTED, FIRST_SUCCEEDED, LAST_STARTED)
                .when(new FinishBookStep(RUN, 1, "ready", null))
                .expectEvents(new BookStepSucceeded(RUN, JOB, 1, "wait for rollout", "ready"),
                        new BookRunSucceeded(RUN, JOB, DEPLOYMENT));
    }

    @Test
    void failsTheRunWhenAStepFails() {
        fixture.given(STARTED, FIRST_STARTED)
                .when(new FinishBookStep(RUN, 0, null, "quota exceeded"))
                .expectEvents(new BookStepFailed(RUN, JOB, 0, "apply workload", "quota exceeded"),
                        new BookRunFailed(RUN, JOB, DEPLOYMENT, "quota exceeded"));
    }

    @Test
    void refusesFinishingAStepThatWasNeverStarted() {
        fixture.given(STARTED)
                .when(new FinishBookStep(RUN, 0, "applied", null))
                .expectException(BookRunRefusedException.class)
                .expectExceptionMessage(containsString("step 0 of run " + RUN.value() + " is not running"))
                .expectNoEvents();
    }

    @Test
    void refusesFinishingAStepOtherThanTheRunningOne() {
        fixture.given(STARTED, FIRST_STARTED)
                .when(new FinishBookStep(RUN, 1, "ready", null))
                .expectException(BookRunRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesFinishingAStepTwice() {
        fixture.given(STARTED, FIRST_STARTED, FIRST_SUCCEEDED)
                .when(new FinishBookStep(RUN, 0, "applied", null))
                .expectException(BookRunRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesFurtherStepsAfterAFailure() {
        fixture.given(STARTED, FIRST_STARTED,
                        new BookStepFailed(RUN, JOB, 0, "apply workload", "quota exceeded"),
                        new BookRunFailed(RUN, JOB, DEPLOYMENT, "quota exceeded"))
                .when(new StartBookStep(RUN, 1))
                .expectException(BookRunRefusedException.class)
                .expectExceptionMessage(containsString("has finished"))
                .expectNoEvents();
    }

    @Test
    void refusesRetryingTheFailedStep() {
        fixture.given(STARTED, FIRST_STARTED,
                        new BookStepFailed(RUN, JOB, 0, "apply workload", "quota exceeded"),
                        new BookRunFailed(RUN, JOB, DEPLOYMENT, "quota exceeded"))
                .when(new StartBookStep(RUN, 0))
                .expectException(BookRunRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesStepsAfterTheRunSucceeded() {
        fixture.given(STARTED, FIRST_STARTED, FIRST_SUCCEEDED, LAST_STARTED,
                        new BookStepSucceeded(RUN, JOB, 1, "wait for rollout", "ready"),
                        new BookRunSucceeded(RUN, JOB, DEPLOYMENT))
                .when(new StartBookStep(RUN, 2))
                .expectException(BookRunRefusedException.class)
                .expectExceptionMessage(containsString("has finished"))
                .expectNoEvents();
    }
}
