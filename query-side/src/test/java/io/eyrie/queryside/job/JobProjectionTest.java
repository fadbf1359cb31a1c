package io.eyrie.queryside.job;

import io.eyrie.api.book.BookJobScheduled;
import io.eyrie.api.book.BookRunFailed;
import io.eyrie.api.book.BookRunStarted;
import io.eyrie.api.book.BookRunSucceeded;
import io.eyrie.api.book.BookStepFailed;
import io.eyrie.api.book.BookStepStarted;
import io.eyrie.api.book.BookStepSucceeded;
import io.eyrie.api.book.FindJob;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobState;
import io.eyrie.api.book.JobView.StepView;
import io.eyrie.api.book.JobView;
import io.eyrie.api.book.ListDeploymentJobs;
import io.eyrie.api.book.RunId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.query.PageRequest;
import io.eyrie.queryside.ReadModelServer;
import io.eyrie.queryside.web.Cursors;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThat;

/** Drives the projection with events, as Axon would, against a MongoDB wire-protocol server. */
class JobProjectionTest {
    private static final JobId JOB = job("job-1");
    private static final RunId RUN = RunId.of(JOB);
    private static final DeploymentId DEPLOYMENT = deployment("dep-1");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");


    private MongoTemplate mongo;
    private JobProjection projection;

    @BeforeEach
    void emptyReadModel() {
        mongo = ReadModelServer.template("jobs");
        projection = new JobProjection(mongo);
        projection.reset();
    }

    @Test
    void scheduledJobIsQueuedWithWhoAskedForIt() {
        scheduled(JOB, T0);

        assertThat(storedJob()).isEqualTo(new JobView(JOB.value(), DEPLOYMENT.value(), Action.DEPLOY, "odoo.deploy", JobState.QUEUED,
                null, false, null, "alice", "corr-1", T0, null, null, List.of()));
    }

    @Test
    void startedRunListsItsStepsAsPending() {
        scheduled(JOB, T0);
        projection.on(runStarted(), at(1));

        JobView job = storedJob();
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.driver()).isEqualTo("kubernetes");
        assertThat(job.simulated()).isTrue();
        assertThat(job.startedAt()).isEqualTo(at(1));
        assertThat(job.steps()).containsExactly(
                new StepView(0, "pull", JobState.PENDING, null, null, null, null),
                new StepView(1, "apply", JobState.PENDING, null, null, null, null),
                new StepView(2, "verify", JobState.PENDING, null, null, null, null));
        assertThat(job.initiator()).isEqualTo("alice");
    }

    @Test
    void stepsRecordTheirProgress() {
        scheduled(JOB, T0);
        projection.on(runStarted(), at(1));
        projection.on(new BookStepStarted(RUN, JOB, 0, "pull"), at(2));
        projection.on(new BookStepSucceeded(RUN, JOB, 0, "pull", "pulled odoo:17"), at(3));
        projection.on(new BookStepStarted(RUN, JOB, 1, "apply"), at(4));
        projection.on(new BookStepFailed(RUN, JOB, 1, "apply", "quota exceeded"), at(5));

        assertThat(storedJob().steps()).containsExactly(
                new StepView(0, "pull", JobState.SUCCEEDED, at(2), at(3), "pulled odoo:17", null),
                new StepView(1, "apply", JobState.FAILED, at(4), at(5), null, "quota exceeded"),
                new StepView(2, "verify", JobState.PENDING, null, null, null, null));
        assertThat(storedJob().state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void stepStartedWhileRunningShowsRunning() {
        scheduled(JOB, T0);
        projection.on(runStarted(), at(1));
        projection.on(new BookStepStarted(RUN, JOB, 2, "verify"), at(2));

        assertThat(storedJob().steps().get(2))
                .isEqualTo(new StepView(2, "verify", JobState.RUNNING, at(2), null, null, null));
    }

    @Test
    void stepOutsideTheAnnouncedListIsIgnored() {
        scheduled(JOB, T0);
        projection.on(runStarted(), at(1));
        projection.on(new BookStepStarted(RUN, JOB, 7, "surprise"), at(2));

        assertThat(storedJob().steps()).hasSize(3).allMatch(step -> step.state() == JobState.PENDING);
    }

    @Test
    void succeededRunFinishesTheJob() {
        scheduled(JOB, T0);
        projection.on(runStarted(), at(1));
        projection.on(new BookRunSucceeded(RUN, JOB, DEPLOYMENT), at(9));

        JobView job = storedJob();
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.finishedAt()).isEqualTo(at(9));
        assertThat(job.error()).isNull();
    }

    @Test
    void failedRunFailsTheJobWithItsError() {
        scheduled(JOB, T0);
        projection.on(runStarted(), at(1));
        projection.on(new BookRunFailed(RUN, JOB, DEPLOYMENT, "step apply failed"), at(9));

        JobView job = storedJob();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.finishedAt()).isEqualTo(at(9));
        assertThat(job.error()).isEqualTo("step apply failed");
    }

    @Test
    void actionFailedFailsAQueuedJob() {
        scheduled(JOB, T0);
        projection.on(new ActionFailed(DEPLOYMENT, JOB, Action.DEPLOY, "no runner took the job in time"), at(60));

        JobView job = storedJob();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).isEqualTo("no runner took the job in time");
        assertThat(job.finishedAt()).isEqualTo(at(60));
    }

    @Test
    void actionFailedFailsARunningJob() {
        scheduled(JOB, T0);
        projection.on(runStarted(), at(1));
        projection.on(new ActionFailed(DEPLOYMENT, JOB, Action.DEPLOY, "timed out"), at(60));

        assertThat(storedJob().state()).isEqualTo(JobState.FAILED);
        assertThat(storedJob().error()).isEqualTo("timed out");
    }

    @Test
    void actionFailedLeavesAFinishedJobAlone() {
        scheduled(JOB, T0);
        projection.on(runStarted(), at(1));
        projection.on(new BookRunFailed(RUN, JOB, DEPLOYMENT, "step apply failed"), at(9));
        projection.on(new ActionFailed(DEPLOYMENT, JOB, Action.DEPLOY, "job failed"), at(10));

        assertThat(storedJob().error()).isEqualTo("step apply failed");
        assertThat(storedJob().finishedAt()).isEqualTo(at(9));
    }

    @Test
    void runStartedAfterTheDeploymentGaveUpKeepsTheJobFailed() {
        scheduled(JOB, T0);
        projection.on(new ActionFailed(DEPLOYMENT, JOB, Action.DEPLOY, "timed out"), at(60));
        projection.on(runStarted(), at(61));

        JobView job = storedJob();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).isEqualTo("timed out");
        assertThat(job.steps()).hasSize(3);
    }

    @Test
    void runHandledBeforeItsSchedulingStillShowsRunning() {
        projection.on(runStarted(), at(1));
        scheduled(JOB, T0);

        JobView job = storedJob();
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.initiator()).isEqualTo("alice");
        assertThat(job.scheduledAt()).isEqualTo(T0);
    }

    @Test
    void deploymentJobsAreListedNewestFirst() {
        scheduled(job("job-a"), at(1));
        scheduled(job("job-c"), at(3));
        scheduled(job("job-b"), at(2));
        projection.on(new BookJobScheduled(job("job-x"), deployment("dep-2"), ACME_PROJECT, Action.PAUSE, "odoo.pause", "odoo:17"), "alice",
                "corr-2", at(4));

        assertThat(projection.handle(new ListDeploymentJobs(DEPLOYMENT, PageRequest.first(50))).items()).extracting(JobView::id)
                .containsExactly(job("job-c").value(), job("job-b").value(), job("job-a").value());
        assertThat(projection.handle(new ListDeploymentJobs(deployment("dep-unknown"), PageRequest.first(50))).items()).isEmpty();
    }

    @Test
    void deploymentJobsArePagedByCursor() {
        for (int i = 0; i < 5; i++) {
            scheduled(job("job-" + i), at(i));
        }
        var first = projection.handle(new ListDeploymentJobs(DEPLOYMENT, Cursors.request(null, 2)));
        assertThat(first.items()).extracting(JobView::id).containsExactly(job("job-4").value(), job("job-3").value());
        assertThat(first.total()).isEqualTo(5);
        var second = projection.handle(new ListDeploymentJobs(DEPLOYMENT, Cursors.request(first.nextCursor(), 2)));
        assertThat(second.items()).extracting(JobView::id).containsExactly(job("job-2").value(), job("job-1").value());
        var last = projection.handle(new ListDeploymentJobs(DEPLOYMENT, Cursors.request(second.nextCursor(), 2)));
        assertThat(last.items()).extracting(JobView::id).containsExactly(job("job-0").value());
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void handlingAnySuffixOfTheHistoryAgainChangesNothing() {
        List<Runnable> history = List.of(
                () -> scheduled(JOB, T0),
                () -> projection.on(runStarted(), at(1)),
                () -> projection.on(new BookStepStarted(RUN, JOB, 0, "pull"), at(2)),
                () -> projection.on(new BookStepSucceeded(RUN, JOB, 0, "pull", "pulled"), at(3)),
                () -> projection.on(new BookStepStarted(RUN, JOB, 1, "apply"), at(4)),
                () -> projection.on(new BookStepFailed(RUN, JOB, 1, "apply", "quota exceeded"), at(5)),
                () -> projection.on(new BookRunFailed(RUN, JOB, DEPLOYMENT, "step apply failed"), at(6)),
                () -> projection.on(new ActionFailed(DEPLOYMENT, JOB, Action.DEPLOY, "job failed"), at(7)),
                () -> scheduled(job("job-2"), at(8)),
                () -> projection.on(new ActionFailed(DEPLOYMENT, job("job-2"), Action.DEPLOY, "timed out"), at(9)));
        history.forEach(Runnable::run);
        List<Document> expected = storedJobs();
        assertThat(expected).hasSize(2);

        for (int from = 0; from < history.size(); from++) {
            history.subList(from, history.size()).forEach(Runnable::run);
            assertThat(storedJobs()).as("after handling events %d.. again", from).isEqualTo(expected);
        }
        assertThat(storedJob().state()).isEqualTo(JobState.FAILED);
        assertThat(storedJob().error()).isEqualTo("step apply failed");
    }

    @Test
    void resetClearsTheJobs() {
        scheduled(JOB, T0);
        projection.on(runStarted(), at(1));

        // Through Axon's annotation handling, as a processor reset would: this also checks the @ResetHandler.
        new AnnotationEventHandlerAdapter(projection).prepareReset();

        assertThat(storedJobs()).isEmpty();
        assertThat(projection.handle(new FindJob(JOB))).isEmpty();
    }

    private void scheduled(JobId jobId, Instant at) {
        projection.on(new BookJobScheduled(jobId, DEPLOYMENT, ACME_PROJECT, Action.DEPLOY, "odoo.deploy", "odoo:17"), "alice",
                "corr-1", at);
    }

    private static BookRunStarted runStarted() {
        return new BookRunStarted(RUN, JOB, DEPLOYMENT, "odoo.deploy", "kubernetes", true,
                List.of("pull", "apply", "verify"));
    }

    private JobView storedJob() {
        return projection.handle(new FindJob(JOB)).orElseThrow();
    }

    private List<Document> storedJobs() {
        return mongo.findAll(Document.class, JobDocument.COLLECTION);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
