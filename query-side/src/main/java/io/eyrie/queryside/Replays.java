package io.eyrie.queryside;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What a replay into emptied collections has written so far, per store and document type. While the processor
 * replays, a document it has not written since the reset does not exist, so {@link ReadModelBatch} skips the read.
 * The first event that is not a replay ends it, and reads go to the store again. Only the one processor that owns
 * these collections writes them, so the set is the truth; a restart forgets it, and then every read goes to the store.
 */
final class Replays {
    private static final Map<MongoTemplate, Map<Class<?>, Set<String>>> EMPTIED = new WeakHashMap<>();

    private Replays() {
    }

    static synchronized void emptied(MongoTemplate mongo, Class<?> type) {
        EMPTIED.computeIfAbsent(mongo, store -> new HashMap<>()).put(type, new HashSet<>());
    }

    /** True only while replaying into a collection emptied for it, for an id not written since. */
    static synchronized boolean neverWritten(MongoTemplate mongo, Class<?> type, String id) {
        Map<Class<?>, Set<String>> types = EMPTIED.get(mongo);
        Set<String> written = types == null ? null : types.get(type);
        if (written == null) {
            return false;
        }
        if (!replaying()) {
            types.remove(type);
            return false;
        }
        return !written.contains(id);
    }

    static synchronized void written(MongoTemplate mongo, Class<?> type, String id, boolean present) {
        Map<Class<?>, Set<String>> types = EMPTIED.get(mongo);
        Set<String> written = types == null ? null : types.get(type);
        if (written == null) {
            return;
        }
        if (present) {
            written.add(id);
        } else {
            written.remove(id);
        }
    }

    private static boolean replaying() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().getMessage() instanceof TrackedEventMessage<?> tracked
                && ReplayToken.isReplay(tracked);
    }
}
