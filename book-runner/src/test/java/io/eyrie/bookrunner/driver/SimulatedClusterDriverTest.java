package io.eyrie.bookrunner.driver;

import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.StepKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.eyrie.api.TestIds.deployment;
import static org.assertj.core.api.Assertions.assertThat;

class SimulatedClusterDriverTest {
    private static final JobTarget.Cluster LOCAL = new JobTarget.Cluster("local", "simulated://local", "in-cluster");
    private static final JobTarget TARGET = io.eyrie.api.TestEvents.target("shop", "nginx:1.27");
    private final SimulatedClusterDriver driver =
            new SimulatedClusterDriver(new SimulatedDriverProperties(Duration.ZERO, "fail", "slow", "flaky", List.of()));

    @Test
    void servesOnlySimulatedClusters() {
        assertThat(driver.name()).isEqualTo("simulated");
        assertThat(driver.serves(LOCAL)).isTrue();
        assertThat(driver.serves(new JobTarget.Cluster("eu", "https://eu.example.com", "in-cluster"))).isFalse();
    }

    @Test
    void succeedsWithADetailLabelledSimulated() throws Exception {
        StepOutcome outcome = driver.execute(rollout("nginx:1.27"), LOCAL);

        assertThat(outcome).isEqualTo(StepOutcome.succeeded(
                "[simulated] wait for rollout for deployment " + deployment("dep-1").value() + ": image nginx:1.27 is ready"));
    }

    @Test
    void theRolloutOfAnImageWithTheFailTagFails() throws Exception {
        StepOutcome outcome = driver.execute(rollout("nginx:fail"), LOCAL);

        assertThat(outcome).isEqualTo(StepOutcome.failed("[simulated] image nginx:fail failed to become ready"));
    }

    @Test
    void stepsThatDoNotRollOutTheImageSucceedWithTheFailTag() throws Exception {
        StepOutcome outcome =
                driver.execute(new StepRequest("job-1", deployment("dep-1").value(), "odoo.deploy",
                        step("apply workload", StepKind.APPLY_MANIFEST), "nginx:fail", Instant.now(), TARGET), LOCAL);

        assertThat(outcome).isEqualTo(StepOutcome.succeeded("[simulated] apply workload for deployment " + deployment("dep-1").value()));
    }

    @Test
    void theRolloutOfAnImageWithTheSlowTagNeverFinishes() throws Exception {
        assertThat(driver.execute(rollout("nginx:slow"), LOCAL)).isInstanceOf(StepOutcome.Waiting.class);
    }

    @Test
    void waitingForPodsToStopSucceedsEvenForAFailingImage() throws Exception {
        var stop = new StepRequest("job-1", deployment("dep-1").value(), "odoo.pause", new JobStep("wait for pods to stop",
                StepKind.WAIT_FOR_ROLLOUT, Map.of("replicas", "0"), 5, 300), "nginx:fail", Instant.now(), TARGET);

        assertThat(driver.execute(stop, LOCAL)).isInstanceOf(StepOutcome.Succeeded.class);
    }

    @Test
    void theFailTagIsConfigurable() throws Exception {
        var custom = new SimulatedClusterDriver(new SimulatedDriverProperties(Duration.ZERO, "broken", "slow", "flaky", List.of()));

        assertThat(custom.execute(rollout("nginx:broken"), LOCAL)).isInstanceOf(StepOutcome.Failed.class);
        assertThat(custom.execute(rollout("nginx:fail"), LOCAL)).isInstanceOf(StepOutcome.Succeeded.class);
    }

    @Test
    void onlyTheTagCountsNotARegistryPortOrDigest() {
        assertThat(SimulatedClusterDriver.tagOf("registry:5000/team/nginx:fail")).isEqualTo("fail");
        assertThat(SimulatedClusterDriver.tagOf("registry:5000/team/nginx")).isNull();
        assertThat(SimulatedClusterDriver.tagOf("nginx:fail@sha256:abc")).isEqualTo("fail");
        assertThat(SimulatedClusterDriver.tagOf("nginx@sha256:abc")).isNull();
        assertThat(SimulatedClusterDriver.tagOf(null)).isNull();
    }

    @Test
    void eachStepTakesTheConfiguredTimeWithoutHoldingAThread() throws Exception {
        var slow = new SimulatedClusterDriver(new SimulatedDriverProperties(Duration.ofSeconds(60), "fail", "slow", "flaky",
                List.of()));
        var justStarted = new StepRequest("job-1", "d", "none.pause", step("scale to zero", StepKind.SCALE),
                "nginx:1.27", Instant.now(), TARGET);
        var startedLongAgo = new StepRequest("job-1", "d", "none.pause", step("scale to zero", StepKind.SCALE),
                "nginx:1.27", Instant.now().minusSeconds(61), TARGET);

        long started = System.nanoTime();
        StepOutcome early = slow.execute(justStarted, LOCAL);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(early).isInstanceOfSatisfying(StepOutcome.Waiting.class, waiting -> assertThat(waiting.checkAgainIn())
                .isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60)));
        assertThat(slow.execute(startedLongAgo, LOCAL)).isInstanceOf(StepOutcome.Succeeded.class);
    }

    private static JobStep step(String name, StepKind kind) {
        return new JobStep(name, kind, Map.of(), 5, 300);
    }

    private static StepRequest rollout(String image) {
        return new StepRequest("job-1", deployment("dep-1").value(), "odoo.deploy", step("wait for rollout",
                StepKind.WAIT_FOR_ROLLOUT), image, Instant.now(), TARGET);
    }
}
