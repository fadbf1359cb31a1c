package io.eyrie.queryside.live;

import io.eyrie.api.query.LiveView;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** How a projection hands a committed document to the live streams that watch it. */
public final class LiveViews {
    private static final Logger log = LoggerFactory.getLogger(LiveViews.class);

    private LiveViews() {
    }

    /**
     * Reads the document again (another instance wrote it) and emits it to the subscriptions {@code watching}
     * selects; a document that is gone is not sent. A read that fails ends those streams only.
     */
    public static <Q> void emitRead(QueryUpdateEmitter live, Class<Q> watch, Predicate<Q> watching,
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
    public static <Q> boolean watched(QueryUpdateEmitter live, Class<Q> watch, Predicate<Q> watching) {
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
