package io.eyrie.queryside.metrics;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.metrics.DeliveryFigures;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.ImagePushed;
import io.eyrie.api.repository.ImageRegistered;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.eyrie.api.TestEvents.deploymentCreated;
import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static io.eyrie.api.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;

class DeliveryFoldTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final DeploymentId SHOP = deployment("shop");
    private static final DeploymentId DEV_SHOP = deployment("dev-shop");
    private static final ImageId IMAGE = new ImageId(uuid("image"));

    /**
     * Over a ten-day window: v1 deployed (lead time from its push), v2 fails, v3 restores it, v3 is rolled back to
     * v1, which restores again; a restore job after a cancel counts for nothing, and the dev deployment is outside
     * the production scope asked for.
     */
    @Test
    void theFourFiguresComeFromWhatHappened() {
        DeliveryFold fold = new DeliveryFold(T0, T0.plusSeconds(10 * 86_400), null, "production");
        at(fold, 0, new ImageRegistered(IMAGE, null, ACME_PROJECT, "registry.example.com/shop"));
        at(fold, 0, deploymentCreated(SHOP, "acme", "web", GroupType.NONE, "shop", "production", "registry.example.com/shop:1"));
        at(fold, 0, deploymentCreated(DEV_SHOP, "acme", "web", GroupType.NONE, "dev-shop", "dev", "registry.example.com/shop:1"));
        at(fold, 100, new ImagePushed(IMAGE, null, ACME_PROJECT, "1", "sha256:1"));
        deploy(fold, SHOP, "d1", 1, "registry.example.com/shop:1", 400, 460, true);
        deploy(fold, SHOP, "d2", 2, "registry.example.com/shop:2", 1000, 1030, false);
        deploy(fold, SHOP, "d3", 3, "registry.example.com/shop:3", 1100, 1200, true);
        restore(fold, SHOP, "r1", 1300, 1310);
        deploy(fold, DEV_SHOP, "x1", 1, "registry.example.com/shop:9", 1400, 1410, false);
        at(fold, 2000, new ReleaseRecorded(SHOP, ACME_PROJECT, release(4, "registry.example.com/shop:1", "rb")));
        at(fold, 2000, started(SHOP, "rb", Action.ROLLBACK, 4, false));
        at(fold, 2090, completed(SHOP, "rb", Action.ROLLBACK, 4));

        DeliveryFigures figures = fold.figures("acme");
        assertThat(figures.deploymentFrequency().deploys()).isEqualTo(3);
        assertThat(figures.deploymentFrequency().perDay()).isEqualTo(0.3);
        assertThat(figures.changeFailureRate()).isEqualTo(new DeliveryFigures.ChangeFailureRate(2, 4, 0.5));
        // v1 from its push at 100 to 460; v3 from its request at 1100 to 1200; the rollback is no change.
        assertThat(figures.leadTime()).isEqualTo(new DeliveryFigures.LeadTime(360L, 2, 1, 1));
        // From the failure at 1030 to v3 at 1200, and from the rollback's request at 2000 to its end at 2090.
        assertThat(figures.timeToRestore()).isEqualTo(new DeliveryFigures.TimeToRestore(170L, 2));
    }

    @Test
    void onlyOutcomesInsideTheWindowCountButEarlierFailuresStillWaitToBeRestored() {
        DeliveryFold fold = new DeliveryFold(T0.plusSeconds(1000), T0.plusSeconds(5000), "web", null);
        at(fold, 0, deploymentCreated(SHOP, "acme", "web", GroupType.NONE, "shop", "production", "registry.example.com/shop:1"));
        deploy(fold, SHOP, "d1", 1, "registry.example.com/shop:1", 10, 20, true);
        deploy(fold, SHOP, "d2", 2, "registry.example.com/shop:2", 500, 600, false);
        deploy(fold, SHOP, "d3", 3, "registry.example.com/shop:3", 1500, 1600, true);

        DeliveryFigures figures = fold.figures("acme");
        assertThat(figures.deploymentFrequency().deploys()).isEqualTo(1);
        assertThat(figures.changeFailureRate()).isEqualTo(new DeliveryFigures.ChangeFailureRate(0, 1, 0.0));
        assertThat(figures.timeToRestore()).isEqualTo(new DeliveryFigures.TimeToRestore(1000L, 1));
        assertThat(new DeliveryFold(T0, T0.plusSeconds(10), "other", null).figures("acme").changeFailureRate().rate())
                .as("nothing to divide").isNull();
    }

    private static void deploy(DeliveryFold fold, DeploymentId deployment, String job, int version, String image,
                               long start, long end, boolean succeeded) {
        at(fold, start, new ReleaseRecorded(deployment, ACME_PROJECT, release(version, image, job)));
        at(fold, start, started(deployment, job, Action.DEPLOY, version, false));
        at(fold, end, succeeded ? completed(deployment, job, Action.DEPLOY, version)
                : new ActionFailed(deployment, job(job), Action.DEPLOY, "it broke", DeploymentStatus.DEPLOYMENT_ERROR));
    }

    private static void restore(DeliveryFold fold, DeploymentId deployment, String job, long start, long end) {
        at(fold, start, started(deployment, job, Action.DEPLOY, 3, true));
        at(fold, end, completed(deployment, job, Action.DEPLOY, 3));
    }

    private static Release release(int version, String image, String job) {
        return new Release(version, List.of(new Release.ReleasedService("web", image, null, 1, List.of())), null, null,
                null, job(job), null);
    }

    private static ActionStarted started(DeploymentId deployment, String job, Action action, int release, boolean restore) {
        return new ActionStarted(deployment, ACME_PROJECT, job(job), action, "none.deploy", "registry.example.com/shop",
                release, restore, "bob", null, DeploymentStatus.DEPLOYING);
    }

    private static ActionCompleted completed(DeploymentId deployment, String job, Action action, int release) {
        return new ActionCompleted(deployment, job(job), action, Lifecycle.DEPLOY, release, DeploymentStatus.DEPLOYED,
                null, null);
    }

    private static void at(DeliveryFold fold, long second, Object event) {
        fold.accept(event, T0.plusSeconds(second));
    }
}
