package io.eyrie.bookrunner.book;

import io.eyrie.api.book.Books;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.project.GroupType;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.eyrie.bookrunner.book.BookStep.*;

/**
 * The ordered steps of every Book. Each action has common steps, and some group types add their own; names are
 * built with {@link Books#name}, the same function the command side uses to pick a book.
 */
@Component
public class BookCatalog {
    /** The types whose Books ship with the runner; a type without Books here fails its jobs with "unknown book". */
    static final List<GroupType> BUILT_IN_TYPES = List.of(GroupType.ODOO, GroupType.PGO, GroupType.PXC, GroupType.NONE);

    private final Map<String, List<BookStep>> books = new HashMap<>();

    public BookCatalog() {
        for (GroupType type : BUILT_IN_TYPES) {
            for (Action action : Action.values()) {
                books.put(Books.name(type, action), Stream.concat(common(action), specific(type, action)).toList());
            }
        }
    }

    /** The book's steps in order, or empty if no such book exists. */
    public Optional<List<BookStep>> steps(String book) {
        return Optional.ofNullable(books.get(book));
    }

    private static Stream<BookStep> common(Action action) {
        return switch (action) {
            case INITIALIZE -> Stream.of(ENSURE_NAMESPACE, APPLY_SECRETS_AND_CONFIG);
            case DEPLOY -> Stream.of(APPLY_WORKLOAD, WAIT_FOR_ROLLOUT);
            case PAUSE -> Stream.of(SCALE_TO_ZERO, WAIT_FOR_PODS_TO_STOP);
            case DROP -> Stream.of(DELETE_WORKLOAD, DELETE_NAMESPACE);
        };
    }

    private static Stream<BookStep> specific(GroupType type, Action action) {
        return switch (action) {
            case INITIALIZE -> type.equals(GroupType.PGO) ? Stream.of(APPLY_POSTGRES_CLUSTER)
                    : type.equals(GroupType.PXC) ? Stream.of(APPLY_PERCONA_XTRADB_CLUSTER)
                    : Stream.empty();
            case DEPLOY -> type.equals(GroupType.ODOO) ? Stream.of(RUN_ODOO_MODULE_UPDATE) : Stream.empty();
            case PAUSE, DROP -> Stream.empty();
        };
    }
}
