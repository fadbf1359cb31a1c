package io.eyrie.commandside.deployment;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobCreated;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.StandardBooks;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.ChangeDeployment;
import io.eyrie.api.deployment.DeploymentChanged;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentRoleOverridden;
import io.eyrie.api.deployment.DeploymentRoleOverrideRemoved;
import io.eyrie.api.deployment.DeploymentSettings;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.RemoveDeploymentRoleOverride;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.deployment.Service;
import io.eyrie.api.deployment.SetDeploymentRoleOverride;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.Role;
import io.eyrie.commandside.TestDirectory;
import io.eyrie.commandside.book.BookJobSettings;
import io.eyrie.commandside.book.Jobs;
import io.eyrie.commandside.project.GroupRuleException;
import io.eyrie.commandside.project.MemberRuleException;
import io.eyrie.platform.web.ForbiddenException;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.eyrie.api.TestEvents.deploymentCreated;
import static io.eyrie.api.TestEvents.spec;
import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.group;
import static io.eyrie.api.TestIds.job;
import static io.eyrie.commandside.Refusals.invalid;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;

class DeploymentTest {
    private static final DeploymentId ID = deployment("d-1");
    private static final GroupId WEB = group("acme/web");
    private static final String IMAGE = "registry.example.com/shop:1.0";
    private static final DeploymentCreated CREATED =
            deploymentCreated(ID, "acme", "web", GroupType.ODOO, "shop", "dev", IMAGE);

    private AggregateTestFixture<Deployment> fixture;
    private TestDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Deployment.class);
        directory = new TestDirectory()
                .group(WEB, GroupType.ODOO, List.of(new ClusterId("local")), Map.of())
                .scope(WEB, "dev", true, Role.DEVELOPER, List.of())
                .scope(WEB, "production", false, Role.ADMIN, List.of());
        fixture.registerInjectableResource(directory.directory());
        fixture.registerInjectableResource(TestDirectory.types());
        fixture.registerInjectableResource(new Jobs(SETTINGS));
        fixture.registerInjectableResource(new ActionQueueSettings(20));
    }

    private static final BookJobSettings SETTINGS = new BookJobSettings(Duration.ofMinutes(10), Duration.ofSeconds(30),
            Duration.ofSeconds(30));

    /** The job an accepted action makes, with its Book's steps, estimates and time-outs. */
    private static JobCreated jobCreated(DeploymentCreated created, Action action, String jobName, String book) {
        String image = created.spec().image();
        JobTarget target = new JobTarget("acme", created.kubernetesNamespace(), created.name(), List.of(),
                created.spec().services(), created.spec().config());
        List<JobStep> steps = StandardBooks.all().get(book).steps().stream()
                .map(step -> new JobStep(step.name(), step.kind(), step.with(), step.estimatedSeconds(),
                        Math.min(600, Math.max(30, step.estimatedSeconds() * 10))))
                .toList();
        return new JobCreated(job(jobName), ID, ACME_PROJECT, action, book, 1, image, target, steps, 600);
    }

    /** The odoo type needs a database reference before it initializes or deploys. */
    private static DeploymentCreated createdIn(String scope) {
        return deploymentCreated(ID, "acme", "web", GroupType.ODOO, "shop",
                spec(scope, IMAGE, Map.of("database", "pgo://acme/db")), List.of());
    }

    @Test
    void actionsRunTheTypesBookUnlessTheGroupChoseAnotherAndTheJobCopiesItsSteps() {
        DeploymentCreated pgo = deploymentCreated(ID, "acme", "db", GroupType.PGO, "main",
                spec("dev", "postgres:17", Map.of("postgresVersion", "17", "storageSize", "10Gi")), List.of());
        GroupId db = group("acme/db");
        directory.group(db, GroupType.PGO, List.of(new ClusterId("local")), Map.of("deploy", "pgo-tuned@2"))
                .scope(db, "dev", true, Role.DEVELOPER, List.of());
        fixture.given(pgo)
                .when(new RequestAction(ID, Action.INITIALIZE, job("j1")))
                .expectEvents(new ActionStarted(ID, ACME_PROJECT, job("j1"), Action.INITIALIZE, "pgo.initialize",
                                "postgres:17", null, false, "system", null, DeploymentStatus.INITIALIZING),
                        jobCreated(pgo, Action.INITIALIZE, "j1", "pgo.initialize"))
                .expectScheduledDeadlineWithName(Duration.ofMinutes(10), "job-expiry");
        // The group names a Book that does not exist: refused before anything is recorded.
        fixture.given(Histories.of(pgo).idleIn(Lifecycle.INITIALIZE).events())
                .when(new RequestAction(ID, Action.DEPLOY, job("j2")))
                .expectNoEvents().expectException(GroupRuleException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("'pgo-tuned@2'"));
    }

    @Test
    void stepsAreEstimatedFromTheirPastRunsAndTimeOutAtTenTimesThat() {
        org.mockito.Mockito.when(directory.directory().averageMillis("odoo.drop"))
                .thenReturn(Map.of("delete namespace", 12_300L));
        fixture.given(CREATED)
                .when(new RequestAction(ID, Action.DROP, job("j1")))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.any(Object.class),
                                jobWithSteps(List.of(
                                        new JobStep("delete workload", StepKind.DELETE_RESOURCES,
                                                Map.of("what", "workload"), 5, 50),
                                        new JobStep("delete namespace", StepKind.DELETE_RESOURCES,
                                                Map.of("what", "namespace"), 13, 130))),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void initializeAndDeployNeedTheTypesRequiredConfig() {
        fixture.given(CREATED)
                .when(new RequestAction(ID, Action.INITIALIZE, job("j1")))
                .expectNoEvents()
                .expectException(ConfigIncompleteException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("config.database"));
        fixture.given(CREATED)
                .when(new RequestAction(ID, Action.DROP, job("j1")))
                .expectEvents(new ActionStarted(ID, ACME_PROJECT, job("j1"), Action.DROP, "odoo.drop", IMAGE, null,
                        false, "system", null, DeploymentStatus.DROPPING), jobCreated(CREATED, Action.DROP, "j1", "odoo.drop"));
    }

    @Nested
    class Changes {
        private DeploymentSpec after(DeploymentSettings settings) {
            return settings.applyTo(CREATED.spec());
        }

        @Test
        void aChangedKeyFieldIsANewVersionWithBeforeAndAfter() {
            var settings = new DeploymentSettings(null, null, null, "main", null, "a1b2c3d", null, null, null);
            fixture.given(CREATED)
                    .when(new ChangeDeployment(ID, settings))
                    .expectEvents(new DeploymentChanged(ID, ACME_PROJECT, 2, List.of("branch", "commitRef"),
                            CREATED.spec(), after(settings)));
        }

        @Test
        void versionsCountOn() {
            var first = new DeploymentSettings(null, null, null, "main", null, null, null, null, null);
            var second = new DeploymentSettings(null, null, null, "release", null, null, null, null, null);
            fixture.given(CREATED, new DeploymentChanged(ID, ACME_PROJECT, 2, List.of("branch"), CREATED.spec(), after(first)))
                    .when(new ChangeDeployment(ID, second))
                    .expectEvents(new DeploymentChanged(ID, ACME_PROJECT, 3, List.of("branch"), after(first),
                            second.applyTo(after(first))));
        }

        @Test
        void nothingDifferentIsNoVersion() {
            fixture.given(CREATED)
                    .when(new ChangeDeployment(ID, new DeploymentSettings("dev", null, null, null, IMAGE, null, null,
                            null, null)))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void servicesThatRanTheOldImageFollowANewOne() {
            String next = "registry.example.com/shop:2.0";
            var settings = new DeploymentSettings(null, null, null, null, next, null, null, null, null);
            DeploymentSpec expected = new DeploymentSpec("dev", CREATED.spec().clusters(), null, null, next, null,
                    List.of(new Service("shop", next, 1, List.of())), Map.of(), null);
            fixture.given(CREATED).when(new ChangeDeployment(ID, settings))
                    .expectEvents(new DeploymentChanged(ID, ACME_PROJECT, 2, List.of("image", "services"),
                            CREATED.spec(), expected));
        }

        @Test
        void aNewScopeMustBeTheGroupsAndItsClustersLinkedAndActive() {
            fixture.given(CREATED)
                    .when(new ChangeDeployment(ID, new DeploymentSettings("staging", null, null, null, null, null,
                            null, null, null)))
                    .expectNoEvents().expectException(invalid("scope"));
            fixture.given(CREATED)
                    .when(new ChangeDeployment(ID, new DeploymentSettings(null, List.of(new ClusterId("elsewhere")),
                            null, null, null, null, null, null, null)))
                    .expectNoEvents().expectException(invalid("clusters"));
            directory.cluster("local", ClusterState.CANCEL);
            fixture.given(CREATED)
                    .when(new ChangeDeployment(ID, new DeploymentSettings("production", null, null, null, null, null,
                            null, null, null)))
                    .expectNoEvents().expectException(GroupRuleException.class);
        }

        @Test
        void movingToAScopeNeedsTheRoleToActThere() {
            doThrow(new ForbiddenException("needs admin")).when(directory.directory()).requireRoleToWorkIn(
                    eq(ACME_PROJECT), eq(WEB), eq(ID), eq("production"), eq(Role.ADMIN), eq("bob"), isNull());
            fixture.given(CREATED)
                    .when(new ChangeDeployment(ID, new DeploymentSettings("production", null, null, null, null, null,
                            null, null, null)), MetaData.with(AuditMetaData.INITIATOR, "bob"))
                    .expectNoEvents().expectException(ForbiddenException.class);
        }

        @Test
        void configIsCheckedByTheType() {
            fixture.given(CREATED)
                    .when(new ChangeDeployment(ID, new DeploymentSettings(null, null, null, null, null, null, null,
                            Map.of("database", "not a reference"), null)))
                    .expectNoEvents().expectException(invalid("config.database"));
            fixture.given(CREATED)
                    .when(new ChangeDeployment(ID, new DeploymentSettings(null, null, null, null, null, null, null,
                            Map.of("postgresVersion", "17"), null)))
                    .expectNoEvents().expectException(invalid("config.postgresVersion"));
        }

        @Test
        void aDroppedDeploymentIsNotChanged() {
            fixture.given(Histories.of(CREATED).idleIn(Lifecycle.DROPPED).events())
                    .when(new ChangeDeployment(ID, new DeploymentSettings(null, null, null, "main", null, null, null,
                            null, null)))
                    .expectNoEvents().expectException(GroupRuleException.class);
        }
    }

    @Test
    void overridesAreAlwaysRecordedAndRemovedOnce() {
        fixture.given(CREATED).when(new SetDeploymentRoleOverride(ID, "bob", Role.USER))
                .expectEvents(new DeploymentRoleOverridden(ID, ACME_PROJECT, "bob", Role.USER));
        // The directory may have forgotten it (bob left and came back), so the same override is recorded again.
        fixture.given(CREATED, new DeploymentRoleOverridden(ID, ACME_PROJECT, "bob", Role.USER))
                .when(new SetDeploymentRoleOverride(ID, "bob", Role.USER))
                .expectEvents(new DeploymentRoleOverridden(ID, ACME_PROJECT, "bob", Role.USER));
        fixture.given(CREATED, new DeploymentRoleOverridden(ID, ACME_PROJECT, "bob", Role.USER))
                .when(new RemoveDeploymentRoleOverride(ID, "bob"))
                .expectEvents(new DeploymentRoleOverrideRemoved(ID, ACME_PROJECT, "bob"));
        fixture.given(CREATED).when(new RemoveDeploymentRoleOverride(ID, "bob"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anOverrideTouchingAnAdminNeedsTheOwner() {
        MemberRuleException ownerRequired = new MemberRuleException(MemberRuleException.Rule.OWNER_REQUIRED, "owner");
        doThrow(ownerRequired).when(directory.directory()).requireOwnerToTouchAdmin(eq(ACME_PROJECT), eq(ID),
                eq("bob"), eq(Role.ADMIN), eq("alice"), isNull());
        fixture.given(CREATED)
                .when(new SetDeploymentRoleOverride(ID, "bob", Role.ADMIN), MetaData.with(AuditMetaData.INITIATOR, "alice"))
                .expectNoEvents().expectException(MemberRuleException.class);
    }

    private static Matcher<Object> jobWithSteps(List<JobStep> steps) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof JobCreated created && created.steps().equals(steps);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a job with the steps ").appendValue(steps);
            }
        };
    }
}
