package io.eyrie.queryside.deployment;

import io.eyrie.api.book.JobState;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.FindRelease;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.deployment.ReleaseView;
import io.eyrie.api.project.Strategy;
import io.eyrie.queryside.ReadModelServer;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThat;

/** A job's end gives the release it deployed its outcome; a job that deployed none changes no release. */
class ReleaseProjectionTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private ReleaseProjection projection;

    @BeforeEach
    void emptyReadModel() {
        projection = new ReleaseProjection(ReadModelServer.template("releases"));
    }

    private static ReleaseRecorded recorded(int version, String jobId) {
        return new ReleaseRecorded(deployment("dep-1"), ACME_PROJECT, new Release(version,
                List.of(new Release.ReleasedService("web", "shop:" + version, null, 1, List.of())), null, null, null,
                job(jobId), Strategy.ROLLING));
    }

    private static ActionCompleted completed(String jobId) {
        return new ActionCompleted(deployment("dep-1"), job(jobId), Action.DEPLOY, Lifecycle.DEPLOY, 2,
                DeploymentStatus.DEPLOYED, null, null);
    }

    private JobState outcome(int version) {
        return projection.handle(new FindRelease(deployment("dep-1"), version)).map(ReleaseView::outcome).orElseThrow();
    }

    @Test
    void theJobThatDeployedAReleaseGivesItsOutcome() {
        projection.on(recorded(1, "job-1"), "alice", T0);
        projection.on(recorded(2, "job-2"), "alice", T0.plusSeconds(60));

        projection.on(completed("job-2"));
        projection.on(new ActionFailed(deployment("dep-1"), job("job-1"), Action.DEPLOY, "broken",
                DeploymentStatus.DEPLOYMENT_ERROR));

        assertThat(outcome(2)).isEqualTo(JobState.SUCCEEDED);
        assertThat(outcome(1)).isEqualTo(JobState.FAILED);
    }

    @Test
    void aJobThatDeployedNoReleaseChangesNone() {
        projection.on(recorded(1, "job-1"), "alice", T0);

        projection.on(completed("job-restart"));

        assertThat(outcome(1)).isEqualTo(JobState.PENDING);
    }

    @Test
    void inOneBatchTheReleaseAndItsJobsEndAreBothApplied() {
        var batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(recorded(1, "job-1"), "alice", T0);
        projection.on(completed("job-1"));
        projection.on(completed("job-1"));
        batch.commit();

        assertThat(outcome(1)).isEqualTo(JobState.SUCCEEDED);
    }
}
