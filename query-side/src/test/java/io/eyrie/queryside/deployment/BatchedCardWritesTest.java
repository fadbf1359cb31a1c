package io.eyrie.queryside.deployment;

import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.FindDeploymentCard;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.project.GroupType;
import io.eyrie.queryside.ReadModelServer;
import io.eyrie.queryside.group.GroupPolicies;
import io.eyrie.queryside.group.GroupProjection;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.eyrie.api.TestEvents.deploymentCreated;
import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThat;

/** Inside a unit of work, as the event processor runs them, a batch's changes reach MongoDB only at commit. */
class BatchedCardWritesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private DeploymentCardProjection projection;

    @BeforeEach
    void emptyReadModel() {
        var mongo = ReadModelServer.template("batched-cards");
        projection = new DeploymentCardProjection(mongo, new GroupPolicies(mongo, new GroupProjection(mongo)),
                org.axonframework.queryhandling.SimpleQueryUpdateEmitter.builder().build(),
                io.eyrie.queryside.live.LiveRelay.alone());
    }

    @Test
    void aBatchIsWrittenWhenItCommits() {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        projection.on(deploymentCreated(deployment("dep-1"), "acme", "web", GroupType.ODOO, "shop", "Dev", "odoo:17"), "alice", T0);
        projection.on(new io.eyrie.api.deployment.ActionStarted(deployment("dep-1"), ACME_PROJECT, job("job-1"),
                io.eyrie.api.deployment.Action.INITIALIZE, "odoo.initialize", "odoo:17", null, false, "bob", null,
                io.eyrie.api.deployment.DeploymentStatus.INITIALIZING), "bob", T0.plusSeconds(1));
        assertThat(projection.handle(new FindDeploymentCard(deployment("dep-1")))).isEmpty();

        unitOfWork.commit();

        var card = projection.handle(new FindDeploymentCard(deployment("dep-1"))).orElseThrow();
        assertThat(card.lifecycle()).isEqualTo(Lifecycle.DRAFT);
        assertThat(card.status()).isEqualTo(DeploymentStatus.INITIALIZING);
        assertThat(card.runningJobs()).isEqualTo(1);
        assertThat(card.createdBy()).isEqualTo("alice");
        assertThat(card.updatedBy()).isEqualTo("bob");
    }

    @Test
    void aRolledBackBatchWritesNothing() {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        projection.on(deploymentCreated(deployment("dep-2"), "acme", "web", GroupType.ODOO, "shop", "Dev", "odoo:17"), "alice", T0);

        unitOfWork.rollback();

        assertThat(projection.handle(new FindDeploymentCard(deployment("dep-2")))).isEmpty();
    }
}
