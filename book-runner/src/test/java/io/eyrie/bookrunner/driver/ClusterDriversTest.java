package io.eyrie.bookrunner.driver;

import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.Service;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterDriversTest {
    private static final JobTarget.Cluster EU = new JobTarget.Cluster("eu", "https://eu.example.com", "in-cluster");
    private static final JobTarget.Cluster US = new JobTarget.Cluster("us", "https://us.example.com", "in-cluster");
    private static final JobTarget.Cluster LOCAL = new JobTarget.Cluster("local", "simulated://local", "in-cluster");

    /** Answers per cluster what the test says. */
    private record Scripted(Map<String, StepOutcome> outcomes) implements ClusterDriver {
        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public boolean serves(JobTarget.Cluster cluster) {
            return cluster.apiServer().startsWith("https://");
        }

        @Override
        public StepOutcome execute(StepRequest request, JobTarget.Cluster cluster) {
            return outcomes.get(cluster.slug());
        }
    }

    private static StepOutcome run(Map<String, StepOutcome> outcomes, JobTarget.Cluster... clusters) throws Exception {
        var drivers = new ClusterDrivers(List.of(new Scripted(outcomes)),
                new SimulatedDriverProperties(Duration.ZERO, "fail", "slow", "flaky", List.of()));
        JobTarget target = new JobTarget("acme", "acme-shop", "shop", List.of(clusters),
                List.of(new Service("shop", "nginx:1.27", 1, List.of())), Map.of());
        return drivers.execute(new StepRequest("job-1", "d", "none.deploy",
                new JobStep("apply", StepKind.APPLY_MANIFEST, Map.of("template", "web"), 3, 30), "nginx:1.27",
                Instant.now(), target));
    }

    @Test
    void aStepSucceedsOnlyOnceItHasOnEveryCluster() throws Exception {
        assertThat(run(Map.of("eu", StepOutcome.succeeded("ok"), "us", StepOutcome.succeeded("ok")), EU, US))
                .isEqualTo(StepOutcome.succeeded("eu: ok; us: ok"));
        assertThat(run(Map.of("eu", StepOutcome.succeeded("ok"), "us",
                StepOutcome.waiting(Duration.ofSeconds(2), "1 of 2 ready")), EU, US))
                .isEqualTo(StepOutcome.waiting(Duration.ofSeconds(2), "us: 1 of 2 ready"));
    }

    @Test
    void oneFailureFailsItAndOneThatMayPassRetriesIt() throws Exception {
        assertThat(run(Map.of("eu", StepOutcome.failed("forbidden"), "us", StepOutcome.succeeded("ok")), EU, US))
                .isEqualTo(StepOutcome.failed("eu: forbidden"));
        assertThat(run(Map.of("eu", StepOutcome.retryable("429"), "us", StepOutcome.succeeded("ok")), EU, US))
                .isEqualTo(StepOutcome.retryable("eu: 429"));
    }

    @Test
    void aClusterNoDriverServesOrNoClusterAtAllFailsTheStep() throws Exception {
        assertThat(run(Map.of(), LOCAL)).isInstanceOfSatisfying(StepOutcome.Failed.class,
                failed -> assertThat(failed.error()).contains("no driver serves cluster 'local'"));
        assertThat(run(Map.of())).isInstanceOf(StepOutcome.Failed.class);
    }
}
