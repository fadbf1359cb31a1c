package io.eyrie.api.deployment;

import io.eyrie.api.project.Concurrency;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ActionRulesTest {
    @Test
    void theReadmeShowsTheActionTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).as("README.md must contain the action table; paste this:%n%s", ActionRules.markdown())
                .contains(ActionRules.markdown());
    }

    @Test
    void aDroppedDeploymentAllowsNothingAndCancelIsAllowedWhereverAJobCanRun() {
        assertThat(ActionRules.allowed(Lifecycle.DROPPED, DeploymentStatus.DROPPED, true, Concurrency.QUEUE)).isEmpty();
        ActionRules.table().forEach((lifecycle, byStatus) -> byStatus.forEach((status, actions) ->
                assertThat(actions.contains(Action.CANCEL)).as(lifecycle + " × " + status).isEqualTo(status.busy())));
    }

    @Test
    void aStatusThatIsNotInTheTableAllowsNothing() {
        assertThat(ActionRules.allowed(Lifecycle.DRAFT, DeploymentStatus.DEPLOYED, true, Concurrency.QUEUE)).isEmpty();
    }
}
