package io.eyrie.commandside.project;

import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.CreateProject;
import io.eyrie.api.project.DeploymentGroupCreated;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectCreated;
import io.eyrie.api.project.ProjectId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static io.eyrie.api.TestEvents.deploymentCreated;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.group;

class ProjectTest {
    private static final ProjectId ACME = new ProjectId("acme");

    @Test
    void createsAProject() {
        new AggregateTestFixture<>(Project.class)
                .givenNoPriorActivity()
                .when(new CreateProject(ACME, "Acme Inc."))
                .expectEvents(new ProjectCreated(ACME, "Acme Inc."));
    }

    @Test
    void aProjectCreatesItsGroups() {
        new AggregateTestFixture<>(Project.class)
                .given(new ProjectCreated(ACME, "Acme Inc."))
                .when(new CreateDeploymentGroup(ACME, group("acme/web"), "web", GroupType.ODOO))
                .expectEvents(new DeploymentGroupCreated(group("acme/web"), ACME, "web", GroupType.ODOO));
    }

    @Test
    void aGroupCreatesDeploymentsOfItsType() {
        new AggregateTestFixture<>(DeploymentGroup.class)
                .given(new DeploymentGroupCreated(group("acme/db"), ACME, "db", GroupType.PGO))
                .when(new CreateDeployment(group("acme/db"), deployment("d-1"), "main", "Production", "postgres:17"))
                .expectEvents(deploymentCreated(deployment("d-1"), "acme", "db", GroupType.PGO, "main", "Production",
                        "postgres:17"));
    }
}
