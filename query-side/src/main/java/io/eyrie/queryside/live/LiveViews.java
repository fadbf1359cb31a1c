package io.eyrie.queryside.live;

import io.eyrie.api.query.LiveView;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** How a projection hands a committed document to the live streams that watch it. */
public final class LiveViews {
    private static final Logger log = LoggerFactory.getLogger(LiveViews.class);

    private LiveViews() {
    }

    /**
     * Brings to this instance's streams of {@code watch} the documents of {@code kind} other instances wrote:
     * each one a stream here watches ({@code watches} says whether a query watches an id) is read again and sent.
     * When some may have been missed, every stream of {@code watch} here ends, and its client reconnects.
     */
    public static <Q> void follow(LiveRelay relay, QueryUpdateEmitter live, String kind, Class<Q> watch,
                                  BiPredicate<Q, String> watches, Function<String, Optional<LiveView>> read) {
        relay.receive(kind, id -> {
            Predicate<Q> watching = query -> watches.test(query, id);
            if (watched(live, watch, watching)) {
                emitRead(live, watch, watching, () -> read.apply(id), kind + " " + id);
            }
        }, lost -> live.completeExceptionally(watch, any -> true, lost));
    }

    /**
     * Reads the document again (another instance wrote it) and emits it to the subscriptions {@code watching}
     * selects; a document that is gone is not sent. A read that fails ends those streams only.
     */
    private static <Q> void emitRead(QueryUpdateEmitter live, Class<Q> watch, Predicate<Q> watching,
                                     Supplier<Optional<LiveView>> read, String what) {
        Optional<LiveView> view;
        try {
            view = read.get();
        } catch (RuntimeException e) {
            log.error("{} could not be read again for its live streams", what, e);
            live.completeExceptionally(watch, watching, e);
            return;
        }
        view.ifPresent(found -> emit(live, watch, watching, () -> found, what));
    }

    /** Whether any subscription of {@code watch} on this instance is one that {@code watching} selects. */
    private static <Q> boolean watched(QueryUpdateEmitter live, Class<Q> watch, Predicate<Q> watching) {
        return live.activeSubscriptions().stream().anyMatch(subscription -> watch.isInstance(subscription.getPayload())
                && watching.test(watch.cast(subscription.getPayload())));
    }

    /**
     * Emits {@code view} to the subscriptions of {@code watch} that {@code watching} selects; the view is only made
     * when one exists. If making or sending it fails, the write has committed all the same: its streams end with the
     * error, and a client that reconnects reads the document anew.
     */
    public static <Q> void emit(QueryUpdateEmitter live, Class<Q> watch, Predicate<Q> watching, Supplier<LiveView> view,
                                String what) {
        if (!watched(live, watch, watching)) {
            return;
        }
        try {
            live.emit(watch, watching, view.get());
        } catch (RuntimeException e) {
            log.error("{} could not be sent to its live streams", what, e);
            live.completeExceptionally(watch, watching, e);
        }
    }
}
