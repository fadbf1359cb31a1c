package io.eyrie.queryside.book;

import io.eyrie.api.book.BookId;
import io.eyrie.api.book.BookPublished;
import io.eyrie.api.book.BookStep;
import io.eyrie.api.book.BookView;
import io.eyrie.api.book.FindBook;
import io.eyrie.api.book.ListBooks;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.query.PageRequest;
import io.eyrie.queryside.ReadModelServer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BookProjectionTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<BookStep> V1 = List.of(new BookStep("apply", StepKind.APPLY_MANIFEST,
            Map.of("template", "web"), 3));
    private static final List<BookStep> V2 = List.of(new BookStep("apply", StepKind.APPLY_MANIFEST,
            Map.of("template", "web"), 3), new BookStep("wait", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 60));

    private MongoTemplate mongo;
    private BookProjection projection;

    @BeforeEach
    void emptyReadModel() {
        mongo = ReadModelServer.template("books");
        projection = new BookProjection(mongo);
    }

    @Test
    void everyVersionIsKeptNewestFirstWithWhoPublishedIt() {
        projection.on(new BookPublished(new BookId("web.deploy"), 1, GroupType.NONE, V1, 10), "system:books", T0);
        projection.on(new BookPublished(new BookId("web.deploy"), 2, GroupType.NONE, V2, 5), "root", T0.plusSeconds(9));

        BookView book = projection.handle(new FindBook(new BookId("web.deploy"))).orElseThrow();
        assertThat(book.latestVersion()).isEqualTo(2);
        assertThat(book.groupType()).isEqualTo("none");
        assertThat(book.versions()).containsExactly(
                new BookView.Version(2, V2, 5, "root", T0.plusSeconds(9)),
                new BookView.Version(1, V1, 10, "system:books", T0));
    }

    @Test
    void handlingAVersionAgainChangesNothing() {
        projection.on(new BookPublished(new BookId("web.deploy"), 1, GroupType.NONE, V1, 10), "root", T0);
        projection.on(new BookPublished(new BookId("web.deploy"), 2, GroupType.NONE, V2, 10), "root", T0);
        List<Document> once = mongo.findAll(Document.class, BookDocument.COLLECTION);
        projection.on(new BookPublished(new BookId("web.deploy"), 1, GroupType.NONE, V1, 10), "root", T0);
        projection.on(new BookPublished(new BookId("web.deploy"), 2, GroupType.NONE, V2, 10), "root", T0);

        assertThat(mongo.findAll(Document.class, BookDocument.COLLECTION)).isEqualTo(once);
    }

    @Test
    void booksAreListedByNameAndFilteredByGroupType() {
        projection.on(new BookPublished(new BookId("web.deploy"), 1, GroupType.NONE, V1, 10), "root", T0);
        projection.on(new BookPublished(new BookId("odoo.deploy"), 1, GroupType.ODOO, V1, 10), "root", T0);

        assertThat(projection.handle(new ListBooks(null, PageRequest.first(50))).items()).extracting(BookView::name)
                .containsExactly("odoo.deploy", "web.deploy");
        assertThat(projection.handle(new ListBooks(GroupType.ODOO, PageRequest.first(50))).items())
                .extracting(BookView::name).containsExactly("odoo.deploy");
    }
}
