package io.eyrie.commandside.book;

import io.eyrie.api.book.BookRunFailed;
import io.eyrie.api.book.BookRunSucceeded;
import io.eyrie.api.book.ScheduleBookJob;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.CompleteAction;
import io.eyrie.api.deployment.DeployRequested;
import io.eyrie.api.deployment.FailAction;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static io.eyrie.api.TestIds.run;

class BookJobSagaTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final DeployRequested REQUESTED = new DeployRequested(deployment("d-1"), ACME_PROJECT, job("j1"), "odoo.deploy", "shop:1");

    private SagaTestFixture<BookJobSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(BookJobSaga.class);
        fixture.registerResource(new BookJobSettings(TIMEOUT));
    }

    @Test
    void anActionSchedulesItsBookJobWithATimeout() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectActiveSagas(1)
                .expectAssociationWith("jobId", job("j1"))
                .expectDispatchedCommands(new ScheduleBookJob(job("j1"), deployment("d-1"), ACME_PROJECT, Action.DEPLOY, "odoo.deploy", "shop:1"))
                .expectScheduledDeadlineWithName(TIMEOUT, BookJobSaga.TIMEOUT)
                .expectScheduledDeadline(TIMEOUT, new BookJobSaga.JobTimedOut(job("j1")));
    }

    @Test
    void aSucceededRunCompletesTheAction() {
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new BookRunSucceeded(run("j1"), job("j1"), deployment("d-1")))
                .expectDispatchedCommands(new CompleteAction(deployment("d-1"), job("j1")))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aFailedRunFailsTheActionWithItsError() {
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new BookRunFailed(run("j1"), job("j1"), deployment("d-1"), "image pull failed"))
                .expectDispatchedCommands(new FailAction(deployment("d-1"), job("j1"), "image pull failed"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aJobThatNeverFinishesFailsTheActionWhenTheTimeoutElapses() {
        fixture.givenAPublished(REQUESTED)
                .whenTimeElapses(TIMEOUT.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(BookJobSaga.TIMEOUT)
                .expectDispatchedCommands(new FailAction(deployment("d-1"), job("j1"),
                        "Book job " + job("j1").value() + " did not finish within PT10M; no runner reported back"))
                .expectActiveSagas(0);
    }

    @Test
    void theOutcomeOfAnotherJobIsIgnored() {
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new BookRunSucceeded(run("j2"), job("j2"), deployment("d-1")))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }
}
