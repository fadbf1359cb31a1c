package io.eyrie.queryside;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Fields set in documents that are never read to be written: one {@code $set} per document for a batch, upserted
 * when it commits. For a document too large to replace on every batch, such as one with an entry per deployment of
 * a project. Each value is absolute, so a batch applied twice leaves the document as it was.
 */
public final class FieldWrites {
    private static final Object REMOVED = new Object();

    private final MongoTemplate mongo;
    private final Class<?> type;
    private final String collection;
    private final boolean deferred;
    private final Map<String, Map<String, Object>> pending = new LinkedHashMap<>();

    private FieldWrites(MongoTemplate mongo, Class<?> type, boolean deferred) {
        this.mongo = mongo;
        this.type = type;
        // Resolved where it is made, as ReadModelBatch does: the generation its events are handled for.
        this.collection = mongo.getCollectionName(type);
        this.deferred = deferred;
    }

    /** The writes of the current unit of work for {@code type}, written when it commits; at once outside one. */
    public static FieldWrites current(MongoTemplate mongo, Class<?> type) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new FieldWrites(mongo, type, false);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(FieldWrites.class.getName() + ":" + type.getName(), key -> {
            FieldWrites writes = new FieldWrites(mongo, type, true);
            unitOfWork.onPrepareCommit(committing -> writes.flush());
            return writes;
        });
    }

    /** Removes {@code path} (dotted) from the document {@code id}; a later {@link #set} in the batch puts it back. */
    public void unset(String id, String path) {
        set(id, path, REMOVED);
    }

    /** Sets {@code path} (dotted) to {@code value} in the document {@code id}, made if missing. */
    public void set(String id, String path, Object value) {
        pending.computeIfAbsent(id, missing -> new LinkedHashMap<>()).put(path, value);
        if (!deferred) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type, collection);
        pending.forEach((id, fields) -> {
            Update update = new Update();
            fields.forEach((path, value) -> {
                if (value == REMOVED) {
                    update.unset(path);
                } else {
                    update.set(path, value);
                }
            });
            bulk.upsert(Query.query(where("_id").is(id)), update);
        });
        bulk.execute();
        pending.clear();
    }
}
