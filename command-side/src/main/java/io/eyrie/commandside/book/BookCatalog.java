package io.eyrie.commandside.book;

import io.eyrie.api.book.Books;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.project.GroupType;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.eyrie.api.book.StepKind.APPLY_PERCONA_XTRADB_CLUSTER;
import static io.eyrie.api.book.StepKind.APPLY_POSTGRES_CLUSTER;
import static io.eyrie.api.book.StepKind.APPLY_SECRETS_AND_CONFIG;
import static io.eyrie.api.book.StepKind.APPLY_WORKLOAD;
import static io.eyrie.api.book.StepKind.DELETE_NAMESPACE;
import static io.eyrie.api.book.StepKind.DELETE_WORKLOAD;
import static io.eyrie.api.book.StepKind.ENSURE_NAMESPACE;
import static io.eyrie.api.book.StepKind.RUN_ODOO_MODULE_UPDATE;
import static io.eyrie.api.book.StepKind.SCALE_TO_ZERO;
import static io.eyrie.api.book.StepKind.WAIT_FOR_PODS_TO_STOP;
import static io.eyrie.api.book.StepKind.WAIT_FOR_ROLLOUT;

/**
 * The built-in Books: the ordered steps of each type's actions. Each action has common steps, and some group types
 * add their own; names are built with {@link Books#name}, the same function that picks a deployment's Book. A job
 * copies its Book's steps when it is created.
 */
@Component
public class BookCatalog {
    /** The types whose Books are built in. */
    static final List<GroupType> BUILT_IN_TYPES = List.of(GroupType.ODOO, GroupType.PGO, GroupType.PXC, GroupType.NONE);
    private static final Map<StepKind, String> NAMES = new EnumMap<>(Map.ofEntries(
            Map.entry(ENSURE_NAMESPACE, "ensure namespace"),
            Map.entry(APPLY_SECRETS_AND_CONFIG, "apply secrets and config"),
            Map.entry(APPLY_POSTGRES_CLUSTER, "apply PostgresCluster"),
            Map.entry(APPLY_PERCONA_XTRADB_CLUSTER, "apply PerconaXtraDBCluster"),
            Map.entry(APPLY_WORKLOAD, "apply workload"),
            Map.entry(WAIT_FOR_ROLLOUT, "wait for rollout"),
            Map.entry(RUN_ODOO_MODULE_UPDATE, "run odoo module update"),
            Map.entry(SCALE_TO_ZERO, "scale to zero"),
            Map.entry(WAIT_FOR_PODS_TO_STOP, "wait for pods to stop"),
            Map.entry(DELETE_WORKLOAD, "delete workload"),
            Map.entry(DELETE_NAMESPACE, "delete namespace")));

    private final Map<String, List<JobStep>> books = new HashMap<>();

    public BookCatalog(BookJobSettings settings) {
        long timeout = settings.stepTimeout().toSeconds();
        for (GroupType type : BUILT_IN_TYPES) {
            for (Action action : Action.LIFECYCLE) {
                books.put(Books.name(type, action), Stream.concat(common(action), specific(type, action))
                        .map(kind -> new JobStep(NAMES.get(kind), kind, timeout))
                        .toList());
            }
        }
    }

    /** The book's steps in order, or empty if no such book exists. */
    public Optional<List<JobStep>> steps(String book) {
        return Optional.ofNullable(books.get(book));
    }

    private static Stream<StepKind> common(Action action) {
        return switch (action) {
            case INITIALIZE -> Stream.of(ENSURE_NAMESPACE, APPLY_SECRETS_AND_CONFIG);
            case DEPLOY -> Stream.of(APPLY_WORKLOAD, WAIT_FOR_ROLLOUT);
            case PAUSE -> Stream.of(SCALE_TO_ZERO, WAIT_FOR_PODS_TO_STOP);
            case DROP -> Stream.of(DELETE_WORKLOAD, DELETE_NAMESPACE);
            case CANCEL -> throw new IllegalArgumentException("cancel runs no Book");
        };
    }

    private static Stream<StepKind> specific(GroupType type, Action action) {
        return switch (action) {
            case INITIALIZE -> type.equals(GroupType.PGO) ? Stream.of(APPLY_POSTGRES_CLUSTER)
                    : type.equals(GroupType.PXC) ? Stream.of(APPLY_PERCONA_XTRADB_CLUSTER)
                    : Stream.empty();
            case DEPLOY -> type.equals(GroupType.ODOO) ? Stream.of(RUN_ODOO_MODULE_UPDATE) : Stream.empty();
            case PAUSE, DROP, CANCEL -> Stream.empty();
        };
    }
}
