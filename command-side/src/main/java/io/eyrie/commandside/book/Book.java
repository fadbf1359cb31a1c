package io.eyrie.commandside.book;

import io.eyrie.api.book.BookId;
import io.eyrie.api.book.BookPublished;
import io.eyrie.api.book.BookStep;
import io.eyrie.api.book.PublishBook;
import io.eyrie.api.book.SeedBook;
import io.eyrie.api.project.GroupType;
import io.eyrie.commandside.project.GroupRuleException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A named, versioned, ordered list of steps for one group type. Every change is a new version; a job copies the
 * version it runs, so a new version never changes a job that exists. Its group type is fixed once published.
 */
@Aggregate(filterEventsByType = true)
public class Book {
    @AggregateIdentifier
    private BookId id;
    private GroupType groupType;
    private int latest;
    private List<BookStep> latestSteps;
    private int latestMultiplier;

    protected Book() {
    }

    /** Answers the version that now holds these steps, and whether it is new. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Published handle(PublishBook command) {
        if (latest > 0 && !groupType.equals(command.groupType())) {
            throw new GroupRuleException("book-type-fixed", "Book '" + command.book().value() + "' is for group type '"
                    + groupType.wire() + "'; publish another Book for '" + command.groupType().wire() + "'");
        }
        if (latest > 0 && latestSteps.equals(command.steps()) && latestMultiplier == command.timeoutMultiplier()) {
            return new Published(latest, false);
        }
        apply(new BookPublished(command.book(), latest + 1, command.groupType(), List.copyOf(command.steps()),
                command.timeoutMultiplier()));
        return new Published(latest, true);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SeedBook command) {
        if (latest == 0) {
            apply(new BookPublished(command.book(), 1, command.groupType(), List.copyOf(command.steps()),
                    command.timeoutMultiplier()));
        }
    }

    @EventSourcingHandler
    void on(BookPublished event) {
        id = event.book();
        groupType = event.groupType();
        latest = event.version();
        latestSteps = event.steps();
        latestMultiplier = event.timeoutMultiplier();
    }

    public record Published(int version, boolean changed) {
    }
}
