package io.eyrie.commandside.book;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.BookId;
import io.eyrie.api.book.BookStep;
import io.eyrie.api.book.BookTemplates;
import io.eyrie.api.book.Books;
import io.eyrie.api.book.SeedBook;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.project.GroupType;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The Books that ship with Eyrie, one per type and action, named with {@link Books#name}. They are published at
 * start-up as version 1 of Books that do not exist yet; a platform admin may publish later versions, which a
 * restart leaves alone.
 */
@Component
public class BuiltInBooks {
    /** The types whose Books are built in. */
    static final List<GroupType> BUILT_IN_TYPES = List.of(GroupType.ODOO, GroupType.PGO, GroupType.PXC, GroupType.NONE);
    static final int TIMEOUT_MULTIPLIER = 10;
    private static final String INITIATOR = "system:books";
    private static final Logger log = LoggerFactory.getLogger(BuiltInBooks.class);

    private final CommandGateway commands;

    public BuiltInBooks(CommandGateway commands) {
        this.commands = commands;
    }

    /** Every built-in Book by name, in a stable order. */
    public static Map<String, Definition> all() {
        Map<String, Definition> books = new LinkedHashMap<>();
        for (GroupType type : BUILT_IN_TYPES) {
            for (Action action : Action.LIFECYCLE) {
                books.put(Books.name(type, action), new Definition(type,
                        Stream.concat(common(type, action), specific(type, action)).toList()));
            }
        }
        return books;
    }

    public record Definition(GroupType groupType, List<BookStep> steps) {
    }

    /** Several command services may start at once: the second to seed a Book finds it there and changes nothing. */
    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        MetaData audit = MetaData.with(AuditMetaData.INITIATOR, INITIATOR)
                .and(AuditMetaData.CORRELATION_ID, UUID.randomUUID().toString());
        all().forEach((name, book) -> {
            SeedBook seed = new SeedBook(new BookId(name), book.groupType(), book.steps(), TIMEOUT_MULTIPLIER);
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

    private static Stream<BookStep> common(GroupType type, Action action) {
        String workload = type.equals(GroupType.ODOO) ? BookTemplates.ODOO : BookTemplates.WEB;
        return switch (action) {
            case INITIALIZE -> Stream.of(step("ensure namespace", StepKind.ENSURE_NAMESPACE, Map.of(), 2),
                    step("apply secrets and config", StepKind.ENSURE_SECRET, Map.of(), 2));
            case DEPLOY -> Stream.of(step("apply workload", StepKind.APPLY_MANIFEST, Map.of("template", workload), 3),
                    step("wait for rollout", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 60));
            case PAUSE -> Stream.of(step("scale to zero", StepKind.SCALE, Map.of("replicas", "0"), 2),
                    step("wait for pods to stop", StepKind.WAIT_FOR_ROLLOUT, Map.of("replicas", "0"), 30));
            case DROP -> Stream.of(step("delete workload", StepKind.DELETE_RESOURCES, Map.of("what", "workload"), 5),
                    step("delete namespace", StepKind.DELETE_RESOURCES, Map.of("what", "namespace"), 10));
            case CANCEL -> throw new IllegalArgumentException("cancel runs no Book");
        };
    }

    private static Stream<BookStep> specific(GroupType type, Action action) {
        return switch (action) {
            case INITIALIZE -> type.equals(GroupType.PGO)
                    ? Stream.of(step("apply PostgresCluster", StepKind.APPLY_MANIFEST,
                    Map.of("template", BookTemplates.POSTGRES_CLUSTER), 120))
                    : type.equals(GroupType.PXC)
                    ? Stream.of(step("apply PerconaXtraDBCluster", StepKind.APPLY_MANIFEST,
                    Map.of("template", BookTemplates.XTRADB_CLUSTER), 120))
                    : Stream.empty();
            case DEPLOY -> type.equals(GroupType.ODOO)
                    ? Stream.of(step("run odoo module update", StepKind.RUN_JOB,
                    Map.of("template", BookTemplates.ODOO_MODULE_UPDATE), 120))
                    : Stream.empty();
            case PAUSE, DROP, CANCEL -> Stream.empty();
        };
    }

    private static BookStep step(String name, StepKind kind, Map<String, String> with, long estimatedSeconds) {
        return new BookStep(name, kind, with, estimatedSeconds);
    }
}
