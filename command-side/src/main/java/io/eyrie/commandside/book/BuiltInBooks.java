package io.eyrie.commandside.book;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.BookId;
import io.eyrie.api.book.SeedBook;
import io.eyrie.api.book.StandardBooks;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Seeds {@link StandardBooks}, the Books that ship with Eyrie, at start-up as version 1 of Books that do not
 * exist yet; a platform admin may publish later versions, which a
 * restart leaves alone.
 */
@Component
public class BuiltInBooks {
    private static final String INITIATOR = "system:books";
    private static final Logger log = LoggerFactory.getLogger(BuiltInBooks.class);

    private final CommandGateway commands;

    public BuiltInBooks(CommandGateway commands) {
        this.commands = commands;
    }

    /** Several command services may start at once: the second to seed a Book finds it there and changes nothing. */
    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        MetaData audit = MetaData.with(AuditMetaData.INITIATOR, INITIATOR)
                .and(AuditMetaData.CORRELATION_ID, UUID.randomUUID().toString());
        StandardBooks.all().forEach((name, book) -> {
            SeedBook seed = new SeedBook(new BookId(name), book.groupType(), book.steps(), StandardBooks.TIMEOUT_MULTIPLIER);
            for (int attempt = 1; ; attempt++) {
                try {
                    commands.sendAndWait(new GenericCommandMessage<>(seed, audit));
                    break;
                } catch (RuntimeException raced) {
                    if (attempt == 3) {
                        throw raced;
                    }
                    log.info("Seeding Book {} raced with another service; trying again", name);
                }
            }
        });
    }
}
