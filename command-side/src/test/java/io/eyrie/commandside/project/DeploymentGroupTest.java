package io.eyrie.commandside.project;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.datasource.DataType;
import io.eyrie.api.datasource.DatasourceId;
import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.deployment.DeploymentSettings;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.Service;
import io.eyrie.api.project.ChangeDeploymentGroup;
import io.eyrie.api.project.Concurrency;
import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.DefineScope;
import io.eyrie.api.project.DeleteDeploymentGroup;
import io.eyrie.api.project.DeploymentGroupChanged;
import io.eyrie.api.project.DeploymentGroupCreated;
import io.eyrie.api.project.DeploymentGroupDeleted;
import io.eyrie.api.project.GroupDefaults;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupRoleOverridden;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.RemoveScope;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.Scope;
import io.eyrie.api.project.ScopeDefined;
import io.eyrie.api.project.ScopeRemoved;
import io.eyrie.api.project.SetGroupRoleOverride;
import io.eyrie.api.project.Strategy;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.RepositoryId;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.TestDirectory;
import io.eyrie.commandside.directory.Directory.DatasourceFacts;
import io.eyrie.commandside.directory.Directory.ImageFacts;
import io.eyrie.commandside.directory.Directory.RepositoryFacts;
import io.eyrie.platform.web.ForbiddenException;
import io.eyrie.platform.web.NotFoundException;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.eyrie.api.TestEvents.deploymentCreated;
import static io.eyrie.api.TestEvents.groupCreated;
import static io.eyrie.api.TestEvents.projectCreated;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.group;
import static io.eyrie.api.TestIds.uuid;
import static io.eyrie.commandside.Refusals.invalid;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;

class DeploymentGroupTest {
    private static final ProjectId ACME = new ProjectId("acme");
    private static final GroupId WEB = group("acme/web");
    private static final ClusterId LOCAL = new ClusterId("local");
    private static final DeploymentGroupCreated CREATED = groupCreated("acme", "web", GroupType.NONE);
    private static final Scope PRODUCTION = new Scope("production", false, null, null, null, List.of(new ClusterId("prod")),
            null, Role.ADMIN, Concurrency.REJECT, List.of(), List.of());

    private AggregateTestFixture<DeploymentGroup> fixture;
    private TestDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DeploymentGroup.class);
        directory = new TestDirectory().cluster("prod", ClusterState.ACTIVE).cluster("draft", ClusterState.DRAFT);
        fixture.registerInjectableResource(directory.directory());
        fixture.registerInjectableResource(TestDirectory.types());
    }

    @Test
    void aGroupCreatedWithoutScopesGetsDevWhichAllowsDrop() {
        new AggregateTestFixture<>(Project.class)
                .registerInjectableResource(directory.directory())
                .registerInjectableResource(TestDirectory.types())
                .given(projectCreated("acme", "olivia"))
                .when(new CreateDeploymentGroup(ACME, WEB, "web", GroupType.NONE, List.of(LOCAL), GroupDefaults.NONE,
                        Map.of(), List.of()))
                .expectEvents(CREATED);
    }

    @Test
    void aGroupRefusesUnknownClustersTwiceNamedScopesAndBooksForNoAction() {
        var project = new AggregateTestFixture<>(Project.class)
                .registerInjectableResource(directory.directory())
                .registerInjectableResource(TestDirectory.types());
        project.given(projectCreated("acme", "olivia"))
                .when(new CreateDeploymentGroup(ACME, WEB, "web", GroupType.NONE, List.of(new ClusterId("nowhere")),
                        GroupDefaults.NONE, Map.of(), List.of()))
                .expectNoEvents().expectException(invalid("clusters"));
        project.given(projectCreated("acme", "olivia"))
                .when(new CreateDeploymentGroup(ACME, WEB, "web", GroupType.NONE, List.of(LOCAL), GroupDefaults.NONE,
                        Map.of(), List.of(Scope.dev(), Scope.dev())))
                .expectNoEvents().expectException(invalid("scopes"));
        project.given(projectCreated("acme", "olivia"))
                .when(new CreateDeploymentGroup(ACME, WEB, "web", GroupType.NONE, List.of(LOCAL), GroupDefaults.NONE,
                        Map.of("explode", "boom"), List.of()))
                .expectNoEvents().expectException(invalid("books.explode"));
        project.given(projectCreated("acme", "olivia"))
                .when(new CreateDeploymentGroup(ACME, WEB, "web", new GroupType("mysql"), List.of(LOCAL),
                        GroupDefaults.NONE, Map.of(), List.of()))
                .expectNoEvents().expectException(invalid("type"));
    }

    @Test
    void aNewDeploymentTakesWhatItLeavesOutFromTheGroup() {
        GroupDefaults defaults = new GroupDefaults(null, "main", "nginx:1.27", Strategy.ROLLING);
        fixture.given(CREATED, new DeploymentGroupChanged(WEB, ACME, List.of(LOCAL), defaults, Map.of()))
                .when(new CreateDeployment(WEB, deployment("d-1"), "shop", DeploymentSettings.NONE))
                .expectEvents(deploymentCreated(deployment("d-1"), "acme", "web", GroupType.NONE, "shop",
                        new DeploymentSpec("dev", List.of(LOCAL), null, "main", "nginx:1.27", null,
                                List.of(new Service("shop", "nginx:1.27", 1, List.of())), Map.of(), null),
                        List.of("scope", "clusters", "branch", "image")));
    }

    @Test
    void aScopesClustersOverrideTheGroupsAndMustBeActive() {
        List<Object> withProduction = List.of(CREATED, new ScopeDefined(WEB, ACME, PRODUCTION, null));
        var inProduction = new DeploymentSettings("production", null, null, null, "nginx:1.27", null, null, null, null);
        fixture.given(withProduction)
                .when(new CreateDeployment(WEB, deployment("d-1"), "shop", inProduction))
                .expectEvents(deploymentCreated(deployment("d-1"), "acme", "web", GroupType.NONE, "shop",
                        new DeploymentSpec("production", List.of(new ClusterId("prod")), null, null, "nginx:1.27",
                                null, List.of(new Service("shop", "nginx:1.27", 1, List.of())), Map.of(), null),
                        List.of("clusters")));
        directory.cluster("prod", ClusterState.TRANSITIONING);
        fixture.given(withProduction)
                .when(new CreateDeployment(WEB, deployment("d-2"), "shop", inProduction))
                .expectNoEvents().expectException(GroupRuleException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("only active clusters"));
    }

    @Test
    void aDeploymentIsCreatedOnlyByWhoMayActInItsScopeAndOnlyWhileTheScopeLasts() {
        List<Object> withProduction = List.of(CREATED, new ScopeDefined(WEB, ACME, PRODUCTION, null));
        var inProduction = new DeploymentSettings("production", null, null, null, "nginx:1.27", null, null, null, null);
        doThrow(new ForbiddenException("needs admin")).when(directory.directory()).requireRoleToWorkIn(eq(ACME),
                eq(WEB), isNull(), eq("production"), eq(Role.ADMIN), eq("bob"), isNull());
        fixture.given(withProduction)
                .when(new CreateDeployment(WEB, deployment("d-1"), "shop", inProduction),
                        MetaData.with(AuditMetaData.INITIATOR, "bob"))
                .expectNoEvents().expectException(ForbiddenException.class);
        doThrow(new InvalidInputException("scope", "was just removed")).when(directory.directory())
                .lockScope(WEB, "production");
        fixture.given(withProduction)
                .when(new CreateDeployment(WEB, deployment("d-2"), "shop", inProduction),
                        MetaData.with(AuditMetaData.INITIATOR, "alice"))
                .expectNoEvents().expectException(invalid("scope"));
    }

    @Test
    void groupOverridesAreAlwaysRecordedAndAdminOnesNeedTheOwner() {
        fixture.given(CREATED, new GroupRoleOverridden(WEB, ACME, "bob", Role.USER))
                .when(new SetGroupRoleOverride(WEB, "bob", Role.USER))
                .expectEvents(new GroupRoleOverridden(WEB, ACME, "bob", Role.USER));
        doThrow(new MemberRuleException(MemberRuleException.Rule.OWNER_REQUIRED, "owner")).when(directory.directory())
                .requireOwnerToTouchAdmin(eq(ACME), eq(WEB), eq("bob"), eq(Role.ADMIN), eq("carol"), isNull());
        fixture.given(CREATED)
                .when(new SetGroupRoleOverride(WEB, "bob", Role.ADMIN), MetaData.with(AuditMetaData.INITIATOR, "carol"))
                .expectNoEvents().expectException(MemberRuleException.class);
    }

    @Test
    void aDeploymentUsesOnlyLinkedClustersAndNeedsAnImageAndAKnownScope() {
        fixture.given(CREATED)
                .when(new CreateDeployment(WEB, deployment("d-1"), "shop", new DeploymentSettings(null,
                        List.of(new ClusterId("prod")), null, null, "nginx:1", null, null, null, null)))
                .expectNoEvents().expectException(invalid("clusters"));
        fixture.given(CREATED)
                .when(new CreateDeployment(WEB, deployment("d-1"), "shop", DeploymentSettings.NONE))
                .expectNoEvents().expectException(invalid("image"));
        fixture.given(CREATED)
                .when(new CreateDeployment(WEB, deployment("d-1"), "shop", new DeploymentSettings("staging", null,
                        null, null, "nginx:1", null, null, null, null)))
                .expectNoEvents().expectException(invalid("scope"));
        fixture.given(CREATED)
                .when(new CreateDeployment(WEB, deployment("d-1"), "shop", new DeploymentSettings(null, null, null,
                        null, "nginx:1", null, null, Map.of("size", 3), null)))
                .expectNoEvents().expectException(invalid("config.size"));
    }

    @Test
    void whatADeploymentRefersToMustExistInItsProjectOrThePlatformAndFit() {
        var repository = new RepositoryId(uuid("repo"));
        var image = new ImageId(uuid("image"));
        var withRepository = new DeploymentSettings(null, null, repository, "main", "nginx:1", null, null, null, image);
        fixture.given(CREATED).when(new CreateDeployment(WEB, deployment("d-1"), "app", withRepository))
                .expectNoEvents().expectException(invalid("repository"));
        when(directory.directory().repository(repository)).thenReturn(Optional.of(
                new RepositoryFacts(new ProjectId("other"), null, false, List.of("main"))));
        fixture.given(CREATED).when(new CreateDeployment(WEB, deployment("d-1"), "app", withRepository))
                .expectNoEvents().expectException(invalid("repository"));
        when(directory.directory().repository(repository)).thenReturn(Optional.of(
                new RepositoryFacts(null, GroupType.ODOO, false, List.of("main"))));
        fixture.given(CREATED).when(new CreateDeployment(WEB, deployment("d-1"), "app", withRepository))
                .expectNoEvents().expectException(invalid("repository"));
        when(directory.directory().repository(repository)).thenReturn(Optional.of(
                new RepositoryFacts(ACME, null, false, List.of("release"))));
        fixture.given(CREATED).when(new CreateDeployment(WEB, deployment("d-1"), "app", withRepository))
                .expectNoEvents().expectException(invalid("branch"));
        when(directory.directory().repository(repository)).thenReturn(Optional.of(
                new RepositoryFacts(ACME, null, false, List.of("main"))));
        fixture.given(CREATED).when(new CreateDeployment(WEB, deployment("d-1"), "app", withRepository))
                .expectNoEvents().expectException(invalid("subscribeTo"));
        when(directory.directory().image(image)).thenReturn(Optional.of(
                new ImageFacts(repository, null)));
        fixture.given(CREATED).when(new CreateDeployment(WEB, deployment("d-1"), "app", withRepository))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aScopeBacksUpToAnS3likeDatasourceOfItsProject() {
        var datasource = new DatasourceId(uuid("backups"));
        Scope backedUp = new Scope("dev", true, null, null, null, List.of(), datasource, Role.DEVELOPER, Concurrency.QUEUE, List.of(), List.of());
        fixture.given(CREATED).when(new DefineScope(WEB, backedUp))
                .expectNoEvents().expectException(invalid("backupDatasource"));
        when(directory.directory().datasource(datasource)).thenReturn(Optional.of(
                new DatasourceFacts(ACME, DataType.DATABASE)));
        fixture.given(CREATED).when(new DefineScope(WEB, backedUp))
                .expectNoEvents().expectException(invalid("backupDatasource"));
        when(directory.directory().datasource(datasource)).thenReturn(Optional.of(
                new DatasourceFacts(ACME, DataType.S3LIKE)));
        fixture.given(CREATED).when(new DefineScope(WEB, backedUp))
                .expectEvents(new ScopeDefined(WEB, ACME, backedUp, Scope.dev()));
    }

    @Test
    void changingTheGroupRecordsItsNewSettingsOnce() {
        GroupDefaults defaults = new GroupDefaults(null, "main", null, Strategy.CANARY);
        fixture.given(CREATED)
                .when(new ChangeDeploymentGroup(WEB, null, defaults, Map.of("deploy", "none-canary")))
                .expectEvents(new DeploymentGroupChanged(WEB, ACME, List.of(LOCAL), defaults, Map.of("deploy", "none-canary")));
        fixture.given(CREATED)
                .when(new ChangeDeploymentGroup(WEB, List.of(LOCAL), null, null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void scopesAreDefinedReplacedAndRemovedWhileNotInUse() {
        fixture.given(CREATED).when(new DefineScope(WEB, PRODUCTION))
                .expectEvents(new ScopeDefined(WEB, ACME, PRODUCTION, null));
        Scope devWithoutDrop = new Scope("dev", false, 3600L, 86400L, null, List.of(), null, Role.DEVELOPER,
                Concurrency.QUEUE, List.of(), List.of());
        fixture.given(CREATED).when(new DefineScope(WEB, devWithoutDrop))
                .expectEvents(new ScopeDefined(WEB, ACME, devWithoutDrop, Scope.dev()));
        fixture.given(CREATED).when(new DefineScope(WEB, Scope.dev())).expectNoEvents();

        fixture.given(CREATED).when(new RemoveScope(WEB, "dev"))
                .expectNoEvents().expectException(GroupRuleException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("last"));
        directory.liveDeployments(WEB, "production", 2);
        fixture.given(CREATED, new ScopeDefined(WEB, ACME, PRODUCTION, null)).when(new RemoveScope(WEB, "production"))
                .expectNoEvents().expectException(GroupRuleException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("2 deployment(s)"));
        directory.liveDeployments(WEB, "production", 0);
        fixture.given(CREATED, new ScopeDefined(WEB, ACME, PRODUCTION, null)).when(new RemoveScope(WEB, "production"))
                .expectEvents(new ScopeRemoved(WEB, ACME, "production"));
        fixture.given(CREATED).when(new RemoveScope(WEB, "staging"))
                .expectNoEvents().expectException(NotFoundException.class);
    }

    @Test
    void aGroupIsDeletedOnlyWhenEveryDeploymentWasDroppedAndThenRefusesEverything() {
        directory.liveDeployments(WEB, null, 1);
        fixture.given(CREATED).when(new DeleteDeploymentGroup(WEB))
                .expectNoEvents().expectException(GroupRuleException.class);
        directory.liveDeployments(WEB, null, 0);
        fixture.given(CREATED).when(new DeleteDeploymentGroup(WEB))
                .expectEvents(new DeploymentGroupDeleted(WEB, ACME, "web"));
        fixture.given(CREATED, new DeploymentGroupDeleted(WEB, ACME, "web"))
                .when(new CreateDeployment(WEB, deployment("d-9"), "late", new DeploymentSettings(null, null, null,
                        null, "nginx:1", null, null, null, null)))
                .expectNoEvents().expectException(NotFoundException.class);
    }
}
