package io.eyrie.queryside.book;

import io.eyrie.api.book.BookId;
import io.eyrie.api.book.BookView;
import io.eyrie.api.book.FindBook;
import io.eyrie.api.book.ListBooks;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.query.Page;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.queryside.web.Cursors;
import io.eyrie.queryside.web.InvalidParameterException;
import io.eyrie.queryside.web.ReactiveQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Books are platform-wide: every signed-in user reads them, with every version and its steps. */
@RestController
public class BookController {
    private final ReactiveQueries queries;

    public BookController(ReactiveQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/books")
    public Mono<Page<BookView>> books(@RequestParam(required = false) String groupType,
                                      @RequestParam(required = false) String cursor,
                                      @RequestParam(required = false) Integer limit) {
        return queries.page(new ListBooks(InvalidParameterException.parse("groupType", groupType, GroupType::new),
                Cursors.request(cursor, limit)), BookView.class);
    }

    @GetMapping("/api/books/{book}")
    public Mono<BookView> book(@PathVariable String book) {
        return queries.optional(new FindBook(new BookId(book)), BookView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("book", book)));
    }
}
