package io.eyrie.commandside.book;

import io.eyrie.api.book.Books;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.project.GroupType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.eyrie.api.book.StepKind.*;
import static org.assertj.core.api.Assertions.assertThat;

class BookCatalogTest {
    private final BookCatalog catalog = new BookCatalog(new BookJobSettings(Duration.ofMinutes(10), Duration.ofMinutes(2)));

    @Test
    void initializeAddsTheOperatorResourceOfDatabaseTypes() {
        assertThat(kinds("pgo.initialize")).containsExactly(ENSURE_NAMESPACE, APPLY_SECRETS_AND_CONFIG, APPLY_POSTGRES_CLUSTER);
        assertThat(kinds("pxc.initialize"))
                .containsExactly(ENSURE_NAMESPACE, APPLY_SECRETS_AND_CONFIG, APPLY_PERCONA_XTRADB_CLUSTER);
        assertThat(kinds("odoo.initialize")).containsExactly(ENSURE_NAMESPACE, APPLY_SECRETS_AND_CONFIG);
    }

    @Test
    void odooDeployUpdatesModulesAfterTheRollout() {
        assertThat(kinds("odoo.deploy")).containsExactly(APPLY_WORKLOAD, WAIT_FOR_ROLLOUT, RUN_ODOO_MODULE_UPDATE);
        assertThat(kinds("none.deploy")).containsExactly(APPLY_WORKLOAD, WAIT_FOR_ROLLOUT);
    }

    @Test
    void pauseAndDropAreTheSameForEveryType() {
        assertThat(kinds("pxc.pause")).containsExactly(SCALE_TO_ZERO, WAIT_FOR_PODS_TO_STOP);
        assertThat(kinds("none.drop")).containsExactly(DELETE_WORKLOAD, DELETE_NAMESPACE);
    }

    @Test
    void everyBookADeploymentCanNameHasNamedStepsWithTheirTimeOut() {
        for (GroupType type : BookCatalog.BUILT_IN_TYPES) {
            for (Action action : Action.LIFECYCLE) {
                assertThat(catalog.steps(Books.name(type, action))).as(Books.name(type, action)).hasValueSatisfying(
                        steps -> assertThat(steps).isNotEmpty().allSatisfy(step -> {
                            assertThat(step.name()).isNotBlank();
                            assertThat(step.timeoutSeconds()).isEqualTo(120);
                        }));
            }
        }
    }

    @Test
    void unknownBooksHaveNoSteps() {
        assertThat(catalog.steps("odoo.explode")).isEmpty();
        assertThat(catalog.steps("k8s.deploy")).isEmpty();
        assertThat(catalog.steps("deploy")).isEmpty();
    }

    private List<StepKind> kinds(String book) {
        return catalog.steps(book).orElseThrow().stream().map(JobStep::kind).toList();
    }
}
