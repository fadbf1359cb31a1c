package io.eyrie.queryside;

import io.eyrie.queryside.rebuild.BuiltDocuments;
import io.eyrie.queryside.rebuild.ReadModelTemplate;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The read-model documents one batch of events touches: each is read once by id, changed in memory by every event
 * of the batch, and written once, in one bulk request, when the batch commits. A round trip to MongoDB costs far
 * more than a handler's own work, and the events of a batch mostly touch a few documents.
 * <p>
 * The write happens before the processor's token is committed, so a crash in between replays the batch; the
 * projections compute absolute values, so that replay changes nothing. Outside a unit of work (a test calling a
 * handler directly) every change is written at once.
 */
public final class ReadModelBatch<D> {
    private final MongoTemplate mongo;
    private final Class<D> type;
    /** Resolved once, where the batch is made: the generation its events are handled for. */
    private final String collection;
    private final Function<D, String> idOf;
    private final boolean deferred;
    private final Map<String, Optional<D>> read = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    /** Inside the rebuild processor: what the generation being built holds, so that little is read back. */
    private final BuiltDocuments built;
    /** Ids this batch found absent in a generation being built; they are inserted, not replaced. */
    private final Set<String> absent = new HashSet<>();
    private final Consumer<List<D>> committed;
    private List<D> written = List.of();

    private ReadModelBatch(MongoTemplate mongo, Class<D> type, Function<D, String> idOf, boolean deferred,
                           Consumer<List<D>> committed, BuiltDocuments built) {
        this.mongo = mongo;
        this.built = built;
        this.type = type;
        this.collection = mongo.getCollectionName(type);
        this.idOf = idOf;
        this.deferred = deferred;
        this.committed = committed;
    }

    /** The batch of the current unit of work, made and registered for flushing on first use. */
    public static <D> ReadModelBatch<D> current(MongoTemplate mongo, Class<D> type, Function<D, String> idOf) {
        return current(mongo, type, idOf, null);
    }

    /**
     * As {@link #current(MongoTemplate, Class, Function)}; {@code committed} is given the documents the batch wrote
     * as soon as they are stored, which is when a live stream may show them: MongoDB has no transaction to wait for,
     * and the token's commit after it would only add the event store's commit latency to every frame. Should that
     * commit fail, the batch is handled again and writes the same documents, so a stream has shown nothing untrue.
     */
    public static <D> ReadModelBatch<D> current(MongoTemplate mongo, Class<D> type, Function<D, String> idOf,
                                                Consumer<List<D>> committed) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ReadModelBatch<>(mongo, type, idOf, false, committed, null);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        BuiltDocuments built = mongo instanceof ReadModelTemplate readModels ? readModels.builtDocuments().orElse(null) : null;
        // A generation being rebuilt is not what anyone watches: its writes go to no live stream.
        Consumer<List<D>> watched = built != null ? null : committed;
        return unitOfWork.getOrComputeResource(ReadModelBatch.class.getName() + ":" + type.getName(), key -> {
            ReadModelBatch<D> batch = new ReadModelBatch<>(mongo, type, idOf, true, watched, built);
            unitOfWork.onPrepareCommit(committing -> {
                batch.flush();
                if (watched != null) {
                    watched.accept(batch.written);
                }
            });
            if (built != null) {
                // The batch may have written part of its documents, or lost the segment's claim: learn them again.
                unitOfWork.onRollback(failed -> built.forget());
            }
            return batch;
        });
    }

    public Optional<D> find(String id) {
        if (!deferred) {
            return Optional.ofNullable(mongo.findById(id, type, collection));
        }
        return read.computeIfAbsent(id, missing -> {
            if (built == null) {
                return Optional.ofNullable(mongo.findById(missing, type, collection));
            }
            Object written = built.written(collection, missing);
            if (written != null) {
                return Optional.of(type.cast(written));
            }
            Optional<D> stored = built.mayHold(mongo, collection, missing)
                    ? Optional.ofNullable(mongo.findById(missing, type, collection))
                    : Optional.empty();
            if (stored.isEmpty()) {
                absent.add(missing);
            }
            return stored;
        });
    }

    /**
     * The documents that match, as this batch has them: stored ones the query finds, and ones the batch already
     * holds, made or changed by earlier events of the batch. {@code matches} must say what the query says.
     */
    public List<D> findAll(Query query, Predicate<D> matches) {
        if (!deferred) {
            return mongo.find(query, type, collection);
        }
        for (D stored : mongo.find(query, type, collection)) {
            read.putIfAbsent(idOf.apply(stored), Optional.of(stored));
        }
        return read.values().stream().flatMap(Optional::stream).filter(matches).toList();
    }

    /** The document with this id, or a new one made by {@code create}; either way it is stored only when saved. */
    public D findOrCreate(String id, Function<String, D> create) {
        return find(id).orElseGet(() -> create.apply(id));
    }

    public void save(D document) {
        if (document instanceof Revisioned revisioned) {
            revisioned.revision(Math.max(revisioned.revision(), handledPosition()));
        }
        if (!deferred) {
            mongo.save(document, collection);
            if (committed != null) {
                committed.accept(List.of(document));
            }
            return;
        }
        String id = idOf.apply(document);
        read.put(id, Optional.of(document));
        changed.add(id);
    }

    /** Removes the document; within a batch, a later find sees it gone. */
    public void delete(String id) {
        if (!deferred) {
            mongo.remove(Query.query(where("_id").is(id)), type, collection);
            return;
        }
        read.put(id, Optional.empty());
        changed.add(id);
    }

    /**
     * The global position of the event being handled, or -1 outside a processor. A document's revision is the
     * furthest position that changed it: the same event delivered again leaves it as it was.
     */
    private static long handledPosition() {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().getMessage() instanceof TrackedEventMessage<?> tracked
                && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElse(-1);
        }
        return -1;
    }

    private void flush() {
        if (changed.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type, collection);
        List<D> saved = new java.util.ArrayList<>();
        if (built != null) {
            Map<String, D> writing = new HashMap<>();
            changed.forEach(id -> writing.put(id, read.get(id).orElse(null)));
            built.writing(collection, writing);
        }
        for (String id : changed) {
            Optional<D> document = read.get(id);
            if (document.isPresent()) {
                saved.add(document.get());
                if (absent.contains(id)) {
                    // No other writer: a generation being built is the rebuild processor's alone.
                    bulk.insert(document.get());
                } else {
                    bulk.replaceOne(Query.query(where("_id").is(id)), document.get(),
                            FindAndReplaceOptions.options().upsert());
                }
            } else {
                bulk.remove(Query.query(where("_id").is(id)));
            }
        }
        bulk.execute();
        changed.clear();
        written = List.copyOf(saved);
    }
}
