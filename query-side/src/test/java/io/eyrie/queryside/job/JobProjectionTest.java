package io.eyrie.queryside.job;

import io.eyrie.api.book.FindJob;
import io.eyrie.api.book.JobCancelled;
import io.eyrie.api.book.JobCreated;
import io.eyrie.api.book.JobExpired;
import io.eyrie.api.book.JobFailed;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobProgressed;
import io.eyrie.api.book.JobResumed;
import io.eyrie.api.book.JobStarted;
import io.eyrie.api.book.JobState;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobStepFailed;
import io.eyrie.api.book.JobStepStarted;
import io.eyrie.api.book.JobStepSucceeded;
import io.eyrie.api.book.JobSucceeded;
import io.eyrie.api.book.JobView.StepView;
import io.eyrie.api.book.JobView;
import io.eyrie.api.book.ListDeploymentJobs;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.query.PageRequest;
import io.eyrie.queryside.ReadModelServer;
import io.eyrie.queryside.web.Cursors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Drives the projection with events, as Axon would, against a MongoDB wire-protocol server. */
class JobProjectionTest {
    private static final JobId JOB = job("job-1");
    private static final DeploymentId DEPLOYMENT = deployment("dep-1");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<JobStep> STEPS = List.of(new JobStep("pull", StepKind.APPLY_MANIFEST, Map.of(), 5, 60),
            new JobStep("apply", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 5, 60), new JobStep("verify", StepKind.RUN_JOB, Map.of(), 5, 60));

    private MongoTemplate mongo;
    private JobProjection projection;

    @BeforeEach
    void emptyReadModel() {
        mongo = ReadModelServer.template("jobs");
        projection = new JobProjection(mongo, org.axonframework.queryhandling.SimpleQueryUpdateEmitter.builder().build(),
                io.eyrie.queryside.live.LiveRelay.alone());
    }

    @Test
    void aNewJobIsPendingWithItsStepsAndWhoAskedForIt() {
        created(JOB, T0);

        assertThat(storedJob()).isEqualTo(new JobView(JOB.value(), DEPLOYMENT.value(), Action.DEPLOY, "odoo.deploy", 1,
                JobState.PENDING, null, null, false, null, "alice", null, "corr-1", T0, null, null, null, List.of(
                new StepView(0, "pull", JobState.PENDING, null, null, null, null, 5),
                new StepView(1, "apply", JobState.PENDING, null, null, null, null, 5),
                new StepView(2, "verify", JobState.PENDING, null, null, null, null, 5)), null,
                new JobView.Progress(0, "pending"), Map.of("shop", JobState.PENDING)));
    }

    /**
     * The job's progress is the share of its steps done, the running one counted by how far its workloads have
     * rolled out; each service goes pending, running, succeeded, and one still rolling out when the job fails fails.
     */
    @Test
    void progressCountsTheRolloutOfTheRunningStepAndEachServiceHasItsState() {
        created(JOB, T0);
        projection.on(started(), at(1));
        projection.on(new JobStepStarted(JOB, 0, "pull", "runner-a"), at(2));
        projection.on(new JobStepSucceeded(JOB, 0, "pull", "pulled", "odoo.deploy", 1000), at(3));
        projection.on(new JobStepStarted(JOB, 1, "apply", "runner-a"), at(4));
        projection.on(new JobProgressed(JOB, 1, 50, "Deployment shop: 1 of 2 replicas updated",
                Map.of("shop", JobState.RUNNING)));
        JobView view = storedJob();
        assertThat(view.progress()).isEqualTo(new JobView.Progress(50,
                "apply: Deployment shop: 1 of 2 replicas updated"));
        assertThat(view.services()).containsExactly(Map.entry("shop", JobState.RUNNING));

        projection.on(new JobFailed(JOB, DEPLOYMENT, "step 'apply' failed: stuck"), at(6));
        assertThat(storedJob().services()).containsExactly(Map.entry("shop", JobState.FAILED));
        assertThat(storedJob().progress().phase()).isEqualTo("failed");
    }

    @Test
    void aStartedJobShowsItsRunnerAndDriver() {
        created(JOB, T0);
        projection.on(started(), at(1));

        JobView job = storedJob();
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.runner()).isEqualTo("runner-a");
        assertThat(job.driver()).isEqualTo("kubernetes");
        assertThat(job.simulated()).isTrue();
        assertThat(job.startedAt()).isEqualTo(at(1));

        projection.on(new JobResumed(JOB, "runner-b", "runner-a", 0, 1));
        assertThat(storedJob().runner()).isEqualTo("runner-b");
    }

    @Test
    void aRunningJobEstimatesItsEndFromTheRunningStepAndTheRest() {
        created(JOB, T0);
        projection.on(started(), at(1));
        assertThat(storedJob().estimatedFinishAt()).isEqualTo(at(1 + 15));
        projection.on(new JobStepStarted(JOB, 0, "pull", "runner-a"), at(2));
        projection.on(new JobStepSucceeded(JOB, 0, "pull", "pulled", "odoo.deploy", 1000), at(3));
        projection.on(new JobStepStarted(JOB, 1, "apply", "runner-a"), at(10));

        assertThat(storedJob().estimatedFinishAt()).isEqualTo(at(10 + 10));
    }

    @Test
    void stepsRecordTheirProgress() {
        created(JOB, T0);
        projection.on(started(), at(1));
        projection.on(new JobStepStarted(JOB, 0, "pull", "runner-a"), at(2));
        projection.on(new JobStepSucceeded(JOB, 0, "pull", "pulled odoo:17", "odoo.deploy", 1000), at(3));
        projection.on(new JobStepStarted(JOB, 1, "apply", "runner-a"), at(4));
        projection.on(new JobStepFailed(JOB, 1, "apply", "quota exceeded"), at(5));

        assertThat(storedJob().steps()).containsExactly(
                new StepView(0, "pull", JobState.SUCCEEDED, at(2), at(3), "pulled odoo:17", null, 5),
                new StepView(1, "apply", JobState.FAILED, at(4), at(5), null, "quota exceeded", 5),
                new StepView(2, "verify", JobState.PENDING, null, null, null, null, 5));
        assertThat(storedJob().state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void eachEndingEndsTheJobWithItsState() {
        created(JOB, T0);
        projection.on(new JobSucceeded(JOB, DEPLOYMENT), at(9));
        assertThat(storedJob().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(storedJob().finishedAt()).isEqualTo(at(9));
        assertThat(storedJob().error()).isNull();

        projection.on(new JobFailed(JOB, DEPLOYMENT, "step 'apply' failed: quota"), at(10));
        assertThat(storedJob().state()).isEqualTo(JobState.FAILED);
        assertThat(storedJob().error()).isEqualTo("step 'apply' failed: quota");

        projection.on(new JobExpired(JOB, DEPLOYMENT, "did not finish within PT10M"), at(11));
        assertThat(storedJob().state()).isEqualTo(JobState.EXPIRED);
    }

    @Test
    void aCancelledJobEndsTheStepThatWasRunning() {
        created(JOB, T0);
        projection.on(started(), at(1));
        projection.on(new JobStepStarted(JOB, 0, "pull", "runner-a"), at(2));
        projection.on(new JobCancelled(JOB, DEPLOYMENT, "cancelled by bob"), at(3));

        JobView job = storedJob();
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.error()).isEqualTo("cancelled by bob");
        assertThat(job.steps().getFirst()).isEqualTo(new StepView(0, "pull", JobState.CANCELLED, at(2), at(3), null, null, 5));
        assertThat(job.steps().get(1).state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void anEventOfAJobWhoseCreationWasNotHandledFailsLoudly() {
        assertThatThrownBy(() -> projection.on(started(), at(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no document");
    }

    @Test
    void deploymentJobsAreListedNewestFirst() {
        created(job("job-a"), at(1));
        created(job("job-c"), at(3));
        created(job("job-b"), at(2));
        projection.on(new JobCreated(job("job-x"), deployment("dep-2"), ACME_PROJECT, Action.PAUSE, "odoo.pause", 1,
                "odoo:17", io.eyrie.api.TestEvents.target("shop", "odoo:17"), STEPS, 600), "alice", "corr-2", at(4));

        assertThat(projection.handle(new ListDeploymentJobs(DEPLOYMENT, null, null, PageRequest.first(50))).items()).extracting(JobView::id)
                .containsExactly(job("job-c").value(), job("job-b").value(), job("job-a").value());
        assertThat(projection.handle(new ListDeploymentJobs(deployment("dep-unknown"), null, null, PageRequest.first(50))).items()).isEmpty();
    }

    @Test
    void deploymentJobsFilterByStateAndAction() {
        created(job("job-a"), at(1));
        projection.on(new JobCreated(job("job-p"), DEPLOYMENT, ACME_PROJECT, Action.PAUSE, "odoo.pause", 1,
                "odoo:17", io.eyrie.api.TestEvents.target("shop", "odoo:17"), STEPS, 600), "alice", "corr-p", at(2));
        JobState created = projection.handle(new FindJob(job("job-a"))).orElseThrow().state();

        var pauses = projection.handle(new ListDeploymentJobs(DEPLOYMENT, null, Action.PAUSE, PageRequest.first(50)));
        assertThat(pauses.items()).extracting(JobView::id).containsExactly(job("job-p").value());
        assertThat(pauses.total()).isEqualTo(1);
        assertThat(projection.handle(new ListDeploymentJobs(DEPLOYMENT, created, null, PageRequest.first(50)))
                .items()).hasSize(2);
        assertThat(projection.handle(new ListDeploymentJobs(DEPLOYMENT, JobState.SUCCEEDED, null,
                PageRequest.first(50))).items()).isEmpty();
    }

    @Test
    void deploymentJobsArePagedByCursor() {
        for (int i = 0; i < 5; i++) {
            created(job("job-" + i), at(i));
        }
        var first = projection.handle(new ListDeploymentJobs(DEPLOYMENT, null, null, Cursors.request(null, 2)));
        assertThat(first.items()).extracting(JobView::id).containsExactly(job("job-4").value(), job("job-3").value());
        assertThat(first.total()).isEqualTo(5);
        var second = projection.handle(new ListDeploymentJobs(DEPLOYMENT, null, null, Cursors.request(first.nextCursor(), 2)));
        assertThat(second.items()).extracting(JobView::id).containsExactly(job("job-2").value(), job("job-1").value());
        var last = projection.handle(new ListDeploymentJobs(DEPLOYMENT, null, null, Cursors.request(second.nextCursor(), 2)));
        assertThat(last.items()).extracting(JobView::id).containsExactly(job("job-0").value());
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void handlingAnySuffixOfTheHistoryAgainChangesNothing() {
        List<Runnable> history = List.of(
                () -> created(JOB, T0),
                () -> projection.on(started(), at(1)),
                () -> projection.on(new JobStepStarted(JOB, 0, "pull", "runner-a"), at(2)),
                () -> projection.on(new JobStepSucceeded(JOB, 0, "pull", "pulled", "odoo.deploy", 1000), at(3)),
                () -> projection.on(new JobStepStarted(JOB, 1, "apply", "runner-a"), at(4)),
                () -> projection.on(new JobStepFailed(JOB, 1, "apply", "quota exceeded"), at(5)),
                () -> projection.on(new JobFailed(JOB, DEPLOYMENT, "step 'apply' failed: quota exceeded"), at(6)),
                () -> created(job("job-2"), at(8)),
                () -> projection.on(new JobExpired(job("job-2"), DEPLOYMENT, "no runner started it"), at(9)));
        history.forEach(Runnable::run);
        List<Document> expected = storedJobs();
        assertThat(expected).hasSize(2);

        for (int from = 0; from < history.size(); from++) {
            history.subList(from, history.size()).forEach(Runnable::run);
            assertThat(storedJobs()).as("after handling events %d.. again", from).isEqualTo(expected);
        }
        assertThat(storedJob().state()).isEqualTo(JobState.FAILED);
        assertThat(storedJob().error()).isEqualTo("step 'apply' failed: quota exceeded");
    }

    private void created(JobId jobId, Instant at) {
        projection.on(new JobCreated(jobId, DEPLOYMENT, ACME_PROJECT, Action.DEPLOY, "odoo.deploy", 1, "odoo:17",
                io.eyrie.api.TestEvents.target("shop", "odoo:17"), STEPS, 600),
                "alice", "corr-1", at);
    }

    private static JobStarted started() {
        return new JobStarted(JOB, DEPLOYMENT, "runner-a", "kubernetes", true);
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
