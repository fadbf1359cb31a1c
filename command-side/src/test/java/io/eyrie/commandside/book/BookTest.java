package io.eyrie.commandside.book;

import io.eyrie.api.book.BookId;
import io.eyrie.api.book.BookPublished;
import io.eyrie.api.book.BookStep;
import io.eyrie.api.book.PublishBook;
import io.eyrie.api.book.SeedBook;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.project.GroupType;
import io.eyrie.commandside.project.GroupRuleException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class BookTest {
    private static final BookId ID = new BookId("web.deploy");
    private static final List<BookStep> V1 = List.of(new BookStep("apply", StepKind.APPLY_MANIFEST,
            Map.of("template", "web"), 3));
    private static final List<BookStep> V2 = List.of(new BookStep("apply", StepKind.APPLY_MANIFEST,
            Map.of("template", "web"), 3), new BookStep("wait", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 60));

    private AggregateTestFixture<Book> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Book.class);
    }

    @Test
    void theFirstPublicationIsVersionOneAndEachChangeTheNext() {
        fixture.givenNoPriorActivity().when(new PublishBook(ID, GroupType.NONE, V1, 10))
                .expectEvents(new BookPublished(ID, 1, GroupType.NONE, V1, 10))
                .expectResultMessagePayload(new Book.Published(1, true));
        fixture.given(new BookPublished(ID, 1, GroupType.NONE, V1, 10))
                .when(new PublishBook(ID, GroupType.NONE, V2, 10))
                .expectEvents(new BookPublished(ID, 2, GroupType.NONE, V2, 10))
                .expectResultMessagePayload(new Book.Published(2, true));
        fixture.given(new BookPublished(ID, 1, GroupType.NONE, V1, 10))
                .when(new PublishBook(ID, GroupType.NONE, V1, 5))
                .expectEvents(new BookPublished(ID, 2, GroupType.NONE, V1, 5));
    }

    @Test
    void theSameStepsAgainAreNoNewVersion() {
        fixture.given(new BookPublished(ID, 1, GroupType.NONE, V1, 10))
                .when(new PublishBook(ID, GroupType.NONE, V1, 10))
                .expectNoEvents().expectResultMessagePayload(new Book.Published(1, false));
    }

    @Test
    void aBooksGroupTypeIsFixed() {
        fixture.given(new BookPublished(ID, 1, GroupType.NONE, V1, 10))
                .when(new PublishBook(ID, GroupType.ODOO, V1, 10))
                .expectNoEvents().expectException(GroupRuleException.class);
    }

    @Test
    void seedingPublishesOnlyABookThatDoesNotExist() {
        fixture.givenNoPriorActivity().when(new SeedBook(ID, GroupType.NONE, V1, 10))
                .expectEvents(new BookPublished(ID, 1, GroupType.NONE, V1, 10));
        fixture.given(new BookPublished(ID, 1, GroupType.NONE, V1, 10), new BookPublished(ID, 2, GroupType.NONE, V2, 10))
                .when(new SeedBook(ID, GroupType.NONE, V1, 10))
                .expectNoEvents();
    }
}
