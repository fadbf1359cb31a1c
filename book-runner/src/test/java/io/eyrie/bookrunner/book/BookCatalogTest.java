package io.eyrie.bookrunner.book;

import io.eyrie.api.book.Books;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.project.GroupType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.eyrie.bookrunner.book.BookStep.*;
import static org.assertj.core.api.Assertions.assertThat;

class BookCatalogTest {
    private final BookCatalog catalog = new BookCatalog();

    @Test
    void initializeAddsTheOperatorResourceOfDatabaseTypes() {
        assertThat(catalog.steps("pgo.initialize"))
                .contains(List.of(ENSURE_NAMESPACE, APPLY_SECRETS_AND_CONFIG, APPLY_POSTGRES_CLUSTER));
        assertThat(catalog.steps("pxc.initialize"))
                .contains(List.of(ENSURE_NAMESPACE, APPLY_SECRETS_AND_CONFIG, APPLY_PERCONA_XTRADB_CLUSTER));
        assertThat(catalog.steps("odoo.initialize")).contains(List.of(ENSURE_NAMESPACE, APPLY_SECRETS_AND_CONFIG));
    }

    @Test
    void odooDeployUpdatesModulesAfterTheRollout() {
        assertThat(catalog.steps("odoo.deploy"))
                .contains(List.of(APPLY_WORKLOAD, WAIT_FOR_ROLLOUT, RUN_ODOO_MODULE_UPDATE));
        assertThat(catalog.steps("none.deploy")).contains(List.of(APPLY_WORKLOAD, WAIT_FOR_ROLLOUT));
    }

    @Test
    void pauseAndDropAreTheSameForEveryType() {
        assertThat(catalog.steps("pxc.pause")).contains(List.of(SCALE_TO_ZERO, WAIT_FOR_PODS_TO_STOP));
        assertThat(catalog.steps("none.drop")).contains(List.of(DELETE_WORKLOAD, DELETE_NAMESPACE));
    }

    @Test
    void everyBookTheCommandSideCanNameHasSteps() {
        for (GroupType type : BookCatalog.BUILT_IN_TYPES) {
            for (Action action : Action.values()) {
                assertThat(catalog.steps(Books.name(type, action))).as(Books.name(type, action)).hasValueSatisfying(
                        steps -> assertThat(steps).isNotEmpty());
            }
        }
    }

    @Test
    void unknownBooksHaveNoSteps() {
        assertThat(catalog.steps("odoo.explode")).isEmpty();
        assertThat(catalog.steps("k8s.deploy")).isEmpty();
        assertThat(catalog.steps("deploy")).isEmpty();
    }
}
