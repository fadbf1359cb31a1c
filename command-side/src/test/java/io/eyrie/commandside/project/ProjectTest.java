package io.eyrie.commandside.project;

import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.deployment.DeploymentAddedToGroup;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.CreateProject;
import io.eyrie.api.project.DeploymentGroupCreated;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectCreated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class ProjectTest {

    @Test
    void createsAProject() {
        new AggregateTestFixture<>(Project.class)
                .givenNoPriorActivity()
                .when(new CreateProject("acme", "Acme Inc."))
                .expectEvents(new ProjectCreated("acme", "Acme Inc."));
    }

    @Test
    void aProjectCreatesItsGroups() {
        new AggregateTestFixture<>(Project.class)
                .given(new ProjectCreated("acme", "Acme Inc."))
                .when(new CreateDeploymentGroup("acme", "web", GroupType.ODOO))
                .expectEvents(new DeploymentGroupCreated("acme/web", "acme", "web", GroupType.ODOO));
    }

    @Test
    void aGroupCreatesDeploymentsOfItsType() {
        new AggregateTestFixture<>(DeploymentGroup.class)
                .given(new DeploymentGroupCreated("acme/db", "acme", "db", GroupType.PGO))
                .when(new CreateDeployment("d-1", "acme", "db", "main", "Production", "postgres:17"))
                .expectEvents(new DeploymentAddedToGroup("acme/db", "d-1", "main"),
                        new DeploymentCreated("d-1", "acme", "db", GroupType.PGO, "main", "Production", "postgres:17"));
    }

    @Test
    void aGroupRefusesASecondDeploymentWithTheSameName() {
        new AggregateTestFixture<>(DeploymentGroup.class)
                .given(new DeploymentGroupCreated("acme/db", "acme", "db", GroupType.PGO),
                        new DeploymentAddedToGroup("acme/db", "d-1", "main"))
                .when(new CreateDeployment("d-2", "acme", "db", "main", "Dev", "postgres:17"))
                .expectNoEvents()
                .expectException(DeploymentNameTakenException.class);
    }
}
