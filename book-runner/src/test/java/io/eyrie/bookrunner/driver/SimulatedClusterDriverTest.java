package io.eyrie.bookrunner.driver;

import io.eyrie.bookrunner.book.BookStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.eyrie.api.TestIds.deployment;
import static org.assertj.core.api.Assertions.assertThat;

class SimulatedClusterDriverTest {
    private final SimulatedClusterDriver driver =
            new SimulatedClusterDriver(new SimulatedDriverProperties(Duration.ZERO, "fail"));

    @Test
    void saysItIsSimulated() {
        assertThat(driver.name()).isEqualTo("simulated");
        assertThat(driver.simulated()).isTrue();
    }

    @Test
    void succeedsWithADetailLabelledSimulated() throws Exception {
        StepOutcome outcome = driver.execute(rollout("nginx:1.27"));

        assertThat(outcome).isEqualTo(StepOutcome.succeeded(
                "[simulated] wait for rollout for deployment " + deployment("dep-1").value() + ": image nginx:1.27 is ready"));
    }

    @Test
    void theRolloutOfAnImageWithTheFailTagFails() throws Exception {
        StepOutcome outcome = driver.execute(rollout("nginx:fail"));

        assertThat(outcome).isEqualTo(StepOutcome.failed("[simulated] image nginx:fail failed to become ready"));
    }

    @Test
    void stepsThatDoNotRollOutTheImageSucceedWithTheFailTag() throws Exception {
        StepOutcome outcome =
                driver.execute(new StepRequest(deployment("dep-1").value(), "odoo.deploy", BookStep.APPLY_WORKLOAD, "nginx:fail"));

        assertThat(outcome).isEqualTo(StepOutcome.succeeded("[simulated] apply workload for deployment " + deployment("dep-1").value()));
    }

    @Test
    void theFailTagIsConfigurable() throws Exception {
        var custom = new SimulatedClusterDriver(new SimulatedDriverProperties(Duration.ZERO, "broken"));

        assertThat(custom.execute(rollout("nginx:broken"))).isInstanceOf(StepOutcome.Failed.class);
        assertThat(custom.execute(rollout("nginx:fail"))).isInstanceOf(StepOutcome.Succeeded.class);
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
    void eachStepTakesTheConfiguredTime() throws Exception {
        var slow = new SimulatedClusterDriver(new SimulatedDriverProperties(Duration.ofMillis(60), "fail"));
        long started = System.nanoTime();

        slow.execute(new StepRequest("d", "none.pause", BookStep.SCALE_TO_ZERO, "nginx:1.27"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
    }

    private static StepRequest rollout(String image) {
        return new StepRequest(deployment("dep-1").value(), "odoo.deploy", BookStep.WAIT_FOR_ROLLOUT, image);
    }
}
