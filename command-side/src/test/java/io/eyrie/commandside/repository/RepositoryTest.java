package io.eyrie.commandside.repository;

import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.repository.AddBranch;
import io.eyrie.api.repository.ArchiveRepository;
import io.eyrie.api.repository.BranchAdded;
import io.eyrie.api.repository.BranchRemoved;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.ImagePushed;
import io.eyrie.api.repository.ImageRegistered;
import io.eyrie.api.repository.RecordImagePush;
import io.eyrie.api.repository.RegisterImage;
import io.eyrie.api.repository.RegisterRepository;
import io.eyrie.api.repository.RemoveBranch;
import io.eyrie.api.repository.RepositoryArchived;
import io.eyrie.api.repository.RepositoryId;
import io.eyrie.api.repository.RepositoryRegistered;
import io.eyrie.commandside.project.GroupRuleException;
import io.eyrie.platform.web.NotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static io.eyrie.api.TestIds.uuid;

class RepositoryTest {
    private static final RepositoryId REPO = new RepositoryId(uuid("repo"));
    private static final ImageId IMAGE = new ImageId(uuid("image"));
    private static final ProjectId ACME = new ProjectId("acme");
    private static final RepositoryRegistered REGISTERED =
            new RepositoryRegistered(REPO, "https://git.example.com/acme/shop.git", ACME, GroupType.ODOO);
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private final org.axonframework.test.aggregate.FixtureConfiguration<Repository> repositories = new AggregateTestFixture<>(Repository.class)
            .registerInjectableResource(org.mockito.Mockito.mock(io.eyrie.commandside.directory.Directory.class));
    private final AggregateTestFixture<Image> images = new AggregateTestFixture<>(Image.class);

    @Test
    void aRepositoryIsRegisteredForAProjectOrThePlatform() {
        repositories.givenNoPriorActivity()
                .when(new RegisterRepository(REPO, "https://git.example.com/acme/shop.git", ACME, GroupType.ODOO))
                .expectEvents(REGISTERED);
        repositories.givenNoPriorActivity()
                .when(new RegisterRepository(REPO, "git@git.example.com:platform/base.git", null, null))
                .expectEvents(new RepositoryRegistered(REPO, "git@git.example.com:platform/base.git", null, null));
    }

    @Test
    void branchesAreAddedOnceAndRemovedWhileTheyExist() {
        repositories.given(REGISTERED).when(new AddBranch(REPO, "main")).expectEvents(new BranchAdded(REPO, ACME, "main"));
        repositories.given(REGISTERED, new BranchAdded(REPO, ACME, "main")).when(new AddBranch(REPO, "main"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        repositories.given(REGISTERED, new BranchAdded(REPO, ACME, "main")).when(new RemoveBranch(REPO, "main"))
                .expectEvents(new BranchRemoved(REPO, ACME, "main"));
        repositories.given(REGISTERED).when(new RemoveBranch(REPO, "main"))
                .expectNoEvents().expectException(NotFoundException.class);
    }

    @Test
    void aRepositoryCreatesItsImagesUntilItIsArchived() {
        repositories.given(REGISTERED).when(new RegisterImage(REPO, IMAGE, "registry.example.com/acme/shop"))
                .expectEvents(new ImageRegistered(IMAGE, REPO, ACME, "registry.example.com/acme/shop"));
        repositories.given(REGISTERED).when(new ArchiveRepository(REPO)).expectEvents(new RepositoryArchived(REPO, ACME));
        repositories.given(REGISTERED, new RepositoryArchived(REPO, ACME)).when(new ArchiveRepository(REPO))
                .expectNoEvents();
        repositories.given(REGISTERED, new RepositoryArchived(REPO, ACME))
                .when(new RegisterImage(REPO, IMAGE, "registry.example.com/acme/shop"))
                .expectNoEvents().expectException(GroupRuleException.class);
        repositories.given(REGISTERED, new RepositoryArchived(REPO, ACME)).when(new AddBranch(REPO, "main"))
                .expectNoEvents().expectException(GroupRuleException.class);
    }

    @Test
    void aPushIsRecordedOnceAndATagMayMove() {
        ImageRegistered registered = new ImageRegistered(IMAGE, REPO, ACME, "registry.example.com/acme/shop");
        images.given(registered).when(new RecordImagePush(IMAGE, "1.0", DIGEST))
                .expectEvents(new ImagePushed(IMAGE, REPO, ACME, "1.0", DIGEST));
        images.given(registered, new ImagePushed(IMAGE, REPO, ACME, "1.0", DIGEST))
                .when(new RecordImagePush(IMAGE, "1.0", DIGEST))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        String moved = "sha256:" + "b".repeat(64);
        images.given(registered, new ImagePushed(IMAGE, REPO, ACME, "1.0", DIGEST))
                .when(new RecordImagePush(IMAGE, "1.0", moved))
                .expectEvents(new ImagePushed(IMAGE, REPO, ACME, "1.0", moved));
    }
}
