package io.eyrie.queryside.deployment;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.project.FindProjectOverview;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.ProjectOverview;
import io.eyrie.queryside.ReadModelServer;
import io.eyrie.queryside.group.GroupPolicies;
import io.eyrie.queryside.group.GroupProjection;
import io.eyrie.queryside.live.LiveRelay;
import io.eyrie.queryside.project.ProjectMembers;
import io.eyrie.queryside.project.ProjectProjection;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Map;

import static io.eyrie.api.TestEvents.deploymentCreated;
import static io.eyrie.api.TestEvents.groupCreated;
import static io.eyrie.api.TestEvents.projectCreated;
import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThat;

/** The overview counts the living cards of a project, group by group, from the entries the card projection keeps. */
class ProjectOverviewsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private DeploymentCardProjection cards;
    private ProjectOverviews overviews;

    @BeforeEach
    void aProjectWithAGroup() {
        MongoTemplate mongo = ReadModelServer.template("overviews");
        new ProjectProjection(mongo).on(projectCreated("acme", "olivia"), "olivia", T0);
        GroupProjection groups = new GroupProjection(mongo);
        groups.on(groupCreated("acme", "web", GroupType.ODOO), "olivia", T0);
        groups.on(groupCreated("acme", "empty", GroupType.NONE), "olivia", T0);
        GroupPolicies policies = new GroupPolicies(mongo, groups);
        cards = new DeploymentCardProjection(mongo, policies, SimpleQueryUpdateEmitter.builder().build(),
                LiveRelay.alone());
        overviews = new ProjectOverviews(mongo, policies, new ProjectMembers(mongo));
    }

    private ProjectOverview overview() {
        return overviews.handle(new FindProjectOverview(ACME_PROJECT)).orElseThrow();
    }

    @Test
    void itCountsTheLivingCardsByStatusAndGroupAndListsTheFailingNewestFirst() {
        cards.on(deploymentCreated(deployment("dep-1"), "acme", "web", GroupType.ODOO, "shop", "dev", "odoo:17"), "alice", T0);
        cards.on(deploymentCreated(deployment("dep-2"), "acme", "web", GroupType.ODOO, "blog", "dev", "odoo:17"), "alice", T0);
        cards.on(deploymentCreated(deployment("dep-3"), "acme", "web", GroupType.ODOO, "wiki", "dev", "odoo:17"), "alice", T0);
        // A card whose group document is not there (yet): counted, and shown as a group without a type.
        cards.on(deploymentCreated(deployment("dep-4"), "acme", "later", GroupType.NONE, "api", "dev", "nginx:1"), "alice", T0);
        cards.on(new ActionStarted(deployment("dep-1"), ACME_PROJECT, job("job-1"), Action.INITIALIZE, "odoo.initialize",
                "odoo:17", null, false, "bob", null, DeploymentStatus.INITIALIZING), "bob", T0.plusSeconds(1));
        for (String[] failed : new String[][]{{"dep-2", "job-2", "2"}, {"dep-3", "job-3", "3"}}) {
            cards.on(new ActionStarted(deployment(failed[0]), ACME_PROJECT, job(failed[1]), Action.INITIALIZE,
                    "odoo.initialize", "odoo:17", null, false, "bob", null, DeploymentStatus.INITIALIZING), "bob",
                    T0.plusSeconds(Long.parseLong(failed[2])));
            cards.on(new ActionFailed(deployment(failed[0]), job(failed[1]), Action.INITIALIZE, "no database",
                    DeploymentStatus.INITIALIZE_ERROR), "system", T0.plusSeconds(10 + Long.parseLong(failed[2])));
        }

        ProjectOverview overview = overview();

        assertThat(overview.name()).isEqualTo("ACME");
        assertThat(overview.deployments()).isEqualTo(4);
        assertThat(overview.runningJobs()).isEqualTo(1);
        assertThat(overview.statuses()).isEqualTo(Map.of(DeploymentStatus.INITIALIZING, 1,
                DeploymentStatus.INITIALIZE_ERROR, 2, DeploymentStatus.READY, 1));
        assertThat(overview.groups()).extracting(ProjectOverview.GroupSummary::name)
                .containsExactly("empty", "later", "web");
        ProjectOverview.GroupSummary web = overview.groups().get(2);
        assertThat(web.type()).isEqualTo(GroupType.ODOO);
        assertThat(web.deployments()).isEqualTo(3);
        assertThat(web.status()).as("one busy: deploying, by Qovery's rules").isEqualTo(DeploymentStatus.DEPLOYING);
        assertThat(overview.groups().get(0).deployments()).isZero();
        assertThat(overview.groups().get(0).status()).isEqualTo(DeploymentStatus.READY);
        assertThat(overview.groups().get(1).type()).isNull();
        assertThat(overview.failing()).extracting(ProjectOverview.FailingDeployment::name)
                .containsExactly("wiki", "blog");
        assertThat(overview.failing().getFirst().error()).isEqualTo("no database");
    }

    @Test
    void aDroppedDeploymentLeavesTheOverview() {
        cards.on(deploymentCreated(deployment("dep-1"), "acme", "web", GroupType.ODOO, "shop", "dev", "odoo:17"), "alice", T0);
        cards.on(deploymentCreated(deployment("dep-2"), "acme", "web", GroupType.ODOO, "blog", "dev", "odoo:17"), "alice", T0);

        cards.on(new ActionCompleted(deployment("dep-2"), job("job-drop"), Action.DROP, Lifecycle.DROPPED, null,
                DeploymentStatus.DROPPED, null, null), "system", T0.plusSeconds(5));

        assertThat(overview().deployments()).isEqualTo(1);
        assertThat(overview().statuses()).isEqualTo(Map.of(DeploymentStatus.READY, 1));
    }

    @Test
    void aProjectThatDoesNotExistHasNone() {
        assertThat(overviews.handle(new FindProjectOverview(new ProjectId("nowhere")))).isEmpty();
    }
}
