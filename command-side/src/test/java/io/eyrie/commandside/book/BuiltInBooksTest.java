package io.eyrie.commandside.book;

import io.eyrie.api.book.BookStep;
import io.eyrie.api.book.Books;
import io.eyrie.api.book.StandardBooks;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.book.StepRules;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.project.GroupType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.eyrie.api.book.StepKind.*;
import static org.assertj.core.api.Assertions.assertThat;

class BuiltInBooksTest {

    @Test
    void initializeAddsTheOperatorResourceOfDatabaseTypes() {
        assertThat(kinds("pgo.initialize")).containsExactly(ENSURE_NAMESPACE, ENSURE_SECRET, APPLY_MANIFEST);
        assertThat(StandardBooks.all().get("pgo.initialize").steps().getLast().with())
                .containsEntry("template", "pgo-postgrescluster");
        assertThat(StandardBooks.all().get("pxc.initialize").steps().getLast().with())
                .containsEntry("template", "pxc-cluster");
        assertThat(kinds("odoo.initialize")).containsExactly(ENSURE_NAMESPACE, ENSURE_SECRET);
    }

    @Test
    void odooDeployUpdatesModulesAfterTheRollout() {
        assertThat(kinds("odoo.deploy")).containsExactly(APPLY_MANIFEST, WAIT_FOR_ROLLOUT, RUN_JOB);
        assertThat(kinds("none.deploy")).containsExactly(APPLY_MANIFEST, WAIT_FOR_ROLLOUT);
    }

    @Test
    void pauseScalesToZeroAndWaitsAndDropDeletesWhatEyrieMade() {
        assertThat(kinds("pxc.pause")).containsExactly(SCALE, WAIT_FOR_ROLLOUT);
        assertThat(StandardBooks.all().get("pxc.pause").steps()).allSatisfy(step ->
                assertThat(step.with()).containsEntry("replicas", "0"));
        assertThat(kinds("none.drop")).containsExactly(DELETE_RESOURCES, DELETE_RESOURCES);
    }

    @Test
    void thereIsABookForEveryTypeAndActionAndEachStepPassesTheRulesOfItsKind() {
        for (GroupType type : StandardBooks.BUILT_IN_TYPES) {
            for (Action action : Action.WITH_BOOK) {
                if (action == Action.RESTART && !StandardBooks.RESTARTABLE.contains(type)) {
                    assertThat(StandardBooks.all()).doesNotContainKey(Books.name(type, action));
                    continue;
                }
                var book = StandardBooks.all().get(Books.name(type, action));
                assertThat(book).as(Books.name(type, action)).isNotNull();
                assertThat(book.groupType()).isEqualTo(type);
                assertThat(book.steps()).isNotEmpty().allSatisfy(step -> {
                    assertThat(StepRules.problems(step)).as(step.name()).isEmpty();
                    assertThat(step.estimatedSeconds()).isPositive();
                });
            }
        }
    }

    @Test
    void restartReplacesThePodsWithoutApplyingAnything() {
        assertThat(kinds("odoo.restart")).containsExactly(RESTART_WORKLOAD, WAIT_FOR_ROLLOUT);
    }

    @Test
    void stepRulesRefuseWhatAKindCannotDo() {
        assertThat(StepRules.problems(new BookStep("x", SCALE, java.util.Map.of(), 1))).hasSize(1);
        assertThat(StepRules.problems(new BookStep("x", APPLY_MANIFEST, java.util.Map.of("template", "rm -rf"), 1)))
                .extracting(problem -> problem[0]).containsExactly("template");
        assertThat(StepRules.problems(new BookStep("x", ENSURE_NAMESPACE, java.util.Map.of("name", "kube-system"), 1)))
                .extracting(problem -> problem[0]).containsExactly("name");
        assertThat(StepRules.problems(new BookStep("x", DELETE_RESOURCES, java.util.Map.of("what", "cluster"), 1)))
                .extracting(problem -> problem[0]).containsExactly("what");
    }

    @Test
    void aWorkloadTakesATrackAndAnUpdateStrategy() {
        assertThat(StepRules.problems(new BookStep("x", APPLY_MANIFEST, java.util.Map.of("template", "web",
                "track", "green", "strategy", "rolling", "maxSurge", "25%", "maxUnavailable", "1"), 1))).isEmpty();
        assertThat(StepRules.problems(new BookStep("x", APPLY_MANIFEST, java.util.Map.of("template", "web",
                "track", "Green!", "strategy", "bluegreen", "maxSurge", "lots"), 1)))
                .extracting(problem -> problem[0]).containsExactly("track", "strategy", "maxSurge");
        assertThat(StepRules.problems(new BookStep("x", APPLY_MANIFEST, java.util.Map.of("template", "web",
                "strategy", "recreate", "maxUnavailable", "1"), 1)))
                .extracting(problem -> problem[1]).containsExactly("recreate takes no maxSurge or maxUnavailable");
        assertThat(StepRules.problems(new BookStep("x", RUN_JOB, java.util.Map.of("template", "odoo-module-update",
                "track", "green"), 1))).extracting(problem -> problem[0]).containsExactly("track");
    }

    @Test
    void aCanaryTakesSomeOfTheRequestsNeverAllAndIsCheckedOnItsOwn() {
        assertThat(StepRules.problems(new BookStep("x", StepKind.SHIFT_TRAFFIC, java.util.Map.of("weight", "20"), 1)))
                .isEmpty();
        for (String weight : List.of("0", "100", "-5", "half")) {
            assertThat(StepRules.problems(new BookStep("x", StepKind.SHIFT_TRAFFIC, java.util.Map.of("weight", weight), 1)))
                    .as(weight).extracting(problem -> problem[0]).containsExactly("weight");
        }
        assertThat(StepRules.problems(new BookStep("x", APPLY_MANIFEST, java.util.Map.of("template", "web",
                "weight", "20"), 1))).extracting(problem -> problem[1]).containsExactly("is for the canary track only");
        assertThat(StepRules.problems(new BookStep("x", StepKind.HTTP_CHECK, java.util.Map.of("path", "/",
                "track", "blue"), 1))).extracting(problem -> problem[0]).containsExactly("track");
        assertThat(kinds("none.deploy-canary")).containsExactly(APPLY_MANIFEST, WAIT_FOR_ROLLOUT,
                StepKind.HTTP_CHECK, StepKind.SHIFT_TRAFFIC, StepKind.HTTP_CHECK, StepKind.SHIFT_TRAFFIC,
                StepKind.HTTP_CHECK, APPLY_MANIFEST, WAIT_FOR_ROLLOUT, StepKind.SWITCH_SELECTOR, DELETE_RESOURCES);
        assertThat(kinds("odoo.deploy-canary")).as("the module update runs before any request reaches the canary")
                .containsSubsequence(WAIT_FOR_ROLLOUT, RUN_JOB, StepKind.HTTP_CHECK, StepKind.SHIFT_TRAFFIC);
        assertThat(StandardBooks.all()).doesNotContainKeys("pgo.deploy-canary", "pxc.restore");
    }

    @Test
    void canaryPodsAreAsNearTheirShareAsWholePodsAllow() {
        assertThat(io.eyrie.job.manifests.TemplateContext.canaryReplicas(4, 20)).isEqualTo(1);
        assertThat(io.eyrie.job.manifests.TemplateContext.canaryReplicas(2, 50)).isEqualTo(2);
        assertThat(io.eyrie.job.manifests.TemplateContext.canaryReplicas(10, 10)).isEqualTo(1);
        assertThat(io.eyrie.job.manifests.TemplateContext.canaryReplicas(1, 20)).as("at least one").isEqualTo(1);
        assertThat(io.eyrie.job.manifests.TemplateContext.canaryReplicas(3, 75)).isEqualTo(9);
    }

    private static List<StepKind> kinds(String book) {
        return StandardBooks.all().get(book).steps().stream().map(BookStep::kind).toList();
    }
}
