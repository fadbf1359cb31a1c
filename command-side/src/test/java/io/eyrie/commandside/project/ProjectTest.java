package io.eyrie.commandside.project;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.project.ArchiveProject;
import io.eyrie.api.project.CreateProject;
import io.eyrie.api.project.ProjectArchived;
import io.eyrie.api.project.ProjectCreated;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.ProjectMemberAdded;
import io.eyrie.api.project.ProjectMemberRemoved;
import io.eyrie.api.project.ProjectMemberRoleChanged;
import io.eyrie.api.project.ProjectOwnershipTransferred;
import io.eyrie.api.project.ProjectRenamed;
import io.eyrie.api.project.RemoveProjectMember;
import io.eyrie.api.project.RenameProject;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.SetProjectMember;
import io.eyrie.api.project.TransferProjectOwnership;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.project.MemberRuleException.Rule;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.eyrie.api.TestEvents.projectCreated;
import static io.eyrie.api.TestIds.uuid;

class ProjectTest {
    private static final ProjectId ACME = new ProjectId("acme");
    private static final String OWNER = "olivia";
    private static final ProjectCreated CREATED = projectCreated("acme", OWNER);

    private AggregateTestFixture<Project> fixture;
    private Directory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        directory = org.mockito.Mockito.mock(Directory.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(io.eyrie.commandside.TestDirectory.types());
    }

    /** Who acts: the owner, an admin who is not the owner, or a platform admin who is no member at all. */
    enum Actor {
        OWNER_ACTS("olivia", false), ADMIN_ACTS("adam", false), PLATFORM_ADMIN_ACTS("root", true);

        final String user;
        final boolean platformAdmin;

        Actor(String user, boolean platformAdmin) {
            this.user = user;
            this.platformAdmin = platformAdmin;
        }

        Map<String, Object> metaData() {
            Map<String, Object> metaData = new HashMap<>(Map.of(AuditMetaData.INITIATOR, user));
            if (platformAdmin) {
                metaData.put(AuditMetaData.PLATFORM_ADMIN, true);
            }
            return metaData;
        }

        boolean mayTouchAdmins() {
            return this != ADMIN_ACTS;
        }
    }

    /** The project with an admin (adam) and, unless {@code current} is null, bob in that role. */
    private static List<Object> withBob(Role current) {
        List<Object> history = new ArrayList<>(List.of(CREATED, new ProjectMemberAdded(ACME, "adam", Role.ADMIN)));
        if (current != null) {
            history.add(new ProjectMemberAdded(ACME, "bob", current));
        }
        return history;
    }

    static Stream<Arguments> everyActorCurrentAndNewRole() {
        List<Arguments> cases = new ArrayList<>();
        for (Actor actor : Actor.values()) {
            for (Role current : new Role[]{null, Role.USER, Role.DEVELOPER, Role.ADMIN}) {
                for (Role next : Role.values()) {
                    cases.add(Arguments.of(actor, current, next));
                }
            }
        }
        return cases.stream();
    }

    @Test
    void aProjectIsOwnedByItsCreatorAndGetsANamespace() {
        String uid = uuid("namespace acme");
        fixture.givenNoPriorActivity()
                .when(new CreateProject(ACME, "ACME", OWNER, uid))
                .expectEvents(CREATED);
    }

    @Test
    void renamingChangesTheNameOnce() {
        fixture.given(CREATED).when(new RenameProject(ACME, "Acme Inc.")).expectEvents(new ProjectRenamed(ACME, "Acme Inc.", "ACME"));
        fixture.given(CREATED).when(new RenameProject(ACME, "ACME")).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    /** Generated from the rule: only the owner, or a platform admin, makes or unmakes admins. */
    @ParameterizedTest(name = "{0} sets bob from {1} to {2}")
    @MethodSource("everyActorCurrentAndNewRole")
    void settingARoleFollowsTheAdminRule(Actor actor, Role current, Role next) {
        var then = fixture.given(withBob(current)).when(new SetProjectMember(ACME, "bob", next), actor.metaData());
        boolean touchesAdmin = next == Role.ADMIN || current == Role.ADMIN;
        if (current == next) {
            then.expectSuccessfulHandlerExecution().expectNoEvents();
        } else if (touchesAdmin && !actor.mayTouchAdmins()) {
            then.expectNoEvents().expectException(refusedBy(Rule.OWNER_REQUIRED));
        } else {
            then.expectEvents(current == null ? new ProjectMemberAdded(ACME, "bob", next)
                    : new ProjectMemberRoleChanged(ACME, "bob", next, current));
        }
    }

    @ParameterizedTest(name = "{0} removes bob, a {1}")
    @MethodSource("everyActorAndRole")
    void removingAMemberFollowsTheAdminRule(Actor actor, Role current) {
        var then = fixture.given(withBob(current)).when(new RemoveProjectMember(ACME, "bob"), actor.metaData());
        if (current == Role.ADMIN && !actor.mayTouchAdmins()) {
            then.expectNoEvents().expectException(refusedBy(Rule.OWNER_REQUIRED));
        } else {
            then.expectEvents(new ProjectMemberRemoved(ACME, "bob", current));
        }
    }

    static Stream<Arguments> everyActorAndRole() {
        return Stream.of(Actor.values()).flatMap(actor -> Stream.of(Role.values()).map(role -> Arguments.of(actor, role)));
    }

    @Test
    void removingSomeoneWhoIsNoMemberIsRefused() {
        fixture.given(withBob(null)).when(new RemoveProjectMember(ACME, "bob"), Actor.OWNER_ACTS.metaData())
                .expectNoEvents().expectException(refusedBy(Rule.NOT_A_MEMBER));
    }

    @Test
    void theOwnersMembershipChangesOnlyByATransfer() {
        for (Actor actor : Actor.values()) {
            fixture.given(withBob(null)).when(new SetProjectMember(ACME, OWNER, Role.USER), actor.metaData())
                    .expectNoEvents().expectException(refusedBy(Rule.OWNER_IS_FIXED));
            fixture.given(withBob(null)).when(new RemoveProjectMember(ACME, OWNER), actor.metaData())
                    .expectNoEvents().expectException(refusedBy(Rule.OWNER_IS_FIXED));
        }
    }

    @Test
    void onlyTheOwnerOrAPlatformAdminTransfersOwnership() {
        fixture.given(withBob(Role.USER)).when(new TransferProjectOwnership(ACME, "bob"), Actor.ADMIN_ACTS.metaData())
                .expectNoEvents().expectException(refusedBy(Rule.OWNER_REQUIRED));
        fixture.given(withBob(Role.USER)).when(new TransferProjectOwnership(ACME, "bob"), Actor.OWNER_ACTS.metaData())
                .expectEvents(new ProjectOwnershipTransferred(ACME, OWNER, "bob"));
        fixture.given(withBob(Role.USER)).when(new TransferProjectOwnership(ACME, "bob"), Actor.PLATFORM_ADMIN_ACTS.metaData())
                .expectEvents(new ProjectOwnershipTransferred(ACME, OWNER, "bob"));
        fixture.given(withBob(Role.USER)).when(new TransferProjectOwnership(ACME, OWNER), Actor.OWNER_ACTS.metaData())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void afterATransferTheNewOwnerRulesAndThePreviousOneIsAnAdmin() {
        List<Object> transferred = new ArrayList<>(withBob(Role.USER));
        transferred.add(new ProjectOwnershipTransferred(ACME, OWNER, "bob"));
        fixture.given(transferred).when(new SetProjectMember(ACME, OWNER, Role.USER), Map.of(AuditMetaData.INITIATOR, "bob"))
                .expectEvents(new ProjectMemberRoleChanged(ACME, OWNER, Role.USER, Role.ADMIN));
        fixture.given(transferred).when(new TransferProjectOwnership(ACME, OWNER), Map.of(AuditMetaData.INITIATOR, OWNER))
                .expectNoEvents().expectException(refusedBy(Rule.OWNER_REQUIRED));
        fixture.given(transferred).when(new RemoveProjectMember(ACME, "bob"), Map.of(AuditMetaData.INITIATOR, OWNER))
                .expectNoEvents().expectException(refusedBy(Rule.OWNER_IS_FIXED));
    }

    @Test
    void onlyTheOwnerArchivesAProjectAndOnlyOnceItsGroupsAreGone() {
        org.mockito.Mockito.when(directory.groupsOf(ACME)).thenReturn(1L);
        fixture.given(CREATED).when(new ArchiveProject(ACME), Actor.OWNER_ACTS.metaData())
                .expectNoEvents().expectException(GroupRuleException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("1 group(s)"));
        org.mockito.Mockito.when(directory.groupsOf(ACME)).thenReturn(0L);
        fixture.given(CREATED).when(new ArchiveProject(ACME), Actor.ADMIN_ACTS.metaData())
                .expectNoEvents().expectException(refusedBy(Rule.OWNER_REQUIRED));
        fixture.given(CREATED).when(new ArchiveProject(ACME), Actor.OWNER_ACTS.metaData())
                .expectEvents(new ProjectArchived(ACME));
        fixture.given(CREATED, new ProjectArchived(ACME)).when(new ArchiveProject(ACME), Actor.OWNER_ACTS.metaData())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anArchivedProjectTakesNoChanges() {
        List<Object> archived = List.of(CREATED, new ProjectArchived(ACME));
        for (Object command : List.of(new RenameProject(ACME, "Later"), new SetProjectMember(ACME, "bob", Role.USER),
                new TransferProjectOwnership(ACME, "bob"), new io.eyrie.api.project.CreateDeploymentGroup(ACME,
                        io.eyrie.api.TestIds.group("acme/late"), "late", io.eyrie.api.project.GroupType.NONE, List.of(),
                        io.eyrie.api.project.GroupDefaults.NONE, Map.of(), List.of()))) {
            fixture.given(archived).when(command, Actor.OWNER_ACTS.metaData())
                    .expectNoEvents().expectException(GroupRuleException.class);
        }
    }

    private static Matcher<Object> refusedBy(Rule rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof MemberRuleException refused && refused.rule() == rule;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("refused by the rule ").appendValue(rule);
            }
        };
    }
}
