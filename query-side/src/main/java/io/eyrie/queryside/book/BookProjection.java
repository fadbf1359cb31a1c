package io.eyrie.queryside.book;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.BookPublished;
import io.eyrie.api.book.BookView;
import io.eyrie.api.book.FindBook;
import io.eyrie.api.book.ListBooks;
import io.eyrie.api.query.Page;
import io.eyrie.queryside.ReadModelBatch;
import io.eyrie.queryside.web.Cursors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Books and their versions, for everyone who picks a Book for a group or reads what a job ran. */
@Component
@ProcessingGroup("dashboard-catalog")
public class BookProjection {
    private final MongoTemplate mongo;

    public BookProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(BookPublished event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        BookDocument book = books().findOrCreate(event.book().value(), BookDocument::named);
        book.groupType = event.groupType().wire();
        book.publish(new BookDocument.Version(event.version(), event.steps(), event.timeoutMultiplier(), initiator, at));
        books().save(book);
    }

    @QueryHandler
    public Optional<BookView> handle(FindBook query) {
        return Optional.ofNullable(mongo.findById(query.book().value(), BookDocument.class)).map(BookDocument::toView);
    }

    @QueryHandler
    public Page<BookView> handle(ListBooks query) {
        Criteria matching = query.groupType() == null ? new Criteria() : where("groupType").is(query.groupType().wire());
        Query page = Query.query(matching).with(Sort.by("_id")).limit(query.page().limit() + 1);
        if (query.page().after() != null) {
            page.addCriteria(where("_id").gt(query.page().after()));
        }
        return Cursors.page(mongo.find(page, BookDocument.class), query.page().limit(), BookDocument::toView,
                BookView::name, mongo.count(Query.query(matching), BookDocument.class));
    }

    private ReadModelBatch<BookDocument> books() {
        return ReadModelBatch.current(mongo, BookDocument.class, book -> book.name);
    }
}
