package io.eyrie.api.deployment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.eyrie.api.deployment.DeploymentStatus.CANCELLED;
import static io.eyrie.api.deployment.DeploymentStatus.DEPLOYED;
import static io.eyrie.api.deployment.DeploymentStatus.DEPLOYING;
import static io.eyrie.api.deployment.DeploymentStatus.DEPLOYMENT_ERROR;
import static io.eyrie.api.deployment.DeploymentStatus.PAUSED;
import static io.eyrie.api.deployment.DeploymentStatus.QUEUED;
import static io.eyrie.api.deployment.DeploymentStatus.READY;
import static io.eyrie.api.deployment.DeploymentStatus.RESTARTING;
import static io.eyrie.api.deployment.DeploymentStatus.RESTART_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

/** A group's status by Qovery's environment rules: the first that matches wins. */
class DeploymentStatusTest {
    @Test
    void anyQueuedThenAnyBusyThenAnyErrorThenAnyDeployed() {
        assertThat(DeploymentStatus.aggregate(List.of(DEPLOYED, DEPLOYMENT_ERROR, DEPLOYING, QUEUED))).isEqualTo(QUEUED);
        assertThat(DeploymentStatus.aggregate(List.of(DEPLOYED, DEPLOYMENT_ERROR, RESTARTING))).isEqualTo(DEPLOYING);
        assertThat(DeploymentStatus.aggregate(List.of(DEPLOYED, RESTART_ERROR))).isEqualTo(DEPLOYMENT_ERROR);
        assertThat(DeploymentStatus.aggregate(List.of(DEPLOYED, PAUSED, CANCELLED))).isEqualTo(DEPLOYED);
        assertThat(DeploymentStatus.aggregate(List.of(PAUSED, PAUSED))).isEqualTo(PAUSED);
        assertThat(DeploymentStatus.aggregate(List.of(READY, CANCELLED))).isEqualTo(READY);
        assertThat(DeploymentStatus.aggregate(List.of())).isEqualTo(READY);
    }

    @Test
    void eachActionHasItsRunningSucceededAndFailedStatus() {
        for (Action action : Action.values()) {
            if (action.runsBook()) {
                assertThat(DeploymentStatus.running(action).busy()).as(action.wire()).isTrue();
                assertThat(DeploymentStatus.succeeded(action).busy()).as(action.wire()).isFalse();
                assertThat(DeploymentStatus.failed(action).error()).as(action.wire()).isTrue();
            }
        }
    }
}
