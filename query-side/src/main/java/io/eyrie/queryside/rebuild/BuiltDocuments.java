package io.eyrie.queryside.rebuild;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids each generation being built may hold, so that the rebuild processor reads only documents it has
 * written and takes every other id as absent: a rebuild starts from empty collections, and most of its reads
 * would find nothing.
 * <p>
 * Only the rebuild processor writes a generation being built, with one segment, so on the instance that holds
 * its claim this is a superset of what is stored. It is learnt again from the collection (ids only) when that may
 * no longer hold: on first use, after any rolled-back batch (a segment can only change hands through one), and
 * when the processor starts. Past {@code limit} ids a collection is read as usual, to bound the memory.
 */
@Component
public class BuiltIds {
    private static final Set<String> TOO_MANY = Set.of();

    private final int limit;
    private final Map<String, Set<String>> byCollection = new ConcurrentHashMap<>();

    BuiltIds(@Value("${eyrie.read-models.rebuild-known-ids:1000000}") int limit) {
        this.limit = limit;
    }

    /** False when {@code id} is certainly not in {@code collection}; true when it may be, and must be read. */
    public boolean mayHold(MongoTemplate mongo, String collection, String id) {
        Set<String> ids = byCollection.computeIfAbsent(collection, name -> load(mongo, name));
        return ids == TOO_MANY || ids.contains(id);
    }

    /** Called before the batch writes them, so that a write that fails half-way still leaves a superset. */
    public void writing(String collection, Collection<String> ids) {
        byCollection.computeIfPresent(collection, (name, known) -> {
            if (known == TOO_MANY || known.size() + ids.size() > limit) {
                return TOO_MANY;
            }
            known.addAll(ids);
            return known;
        });
    }

    /** Forgets every collection; each is learnt again from MongoDB when next used. */
    public void forget() {
        byCollection.clear();
    }

    private Set<String> load(MongoTemplate mongo, String collection) {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (Document document : mongo.getCollection(collection).find().projection(new Document("_id", 1))) {
            if (ids.size() >= limit) {
                return TOO_MANY;
            }
            Object id = document.get("_id");
            ids.add(id instanceof ObjectId objectId ? objectId.toHexString() : String.valueOf(id));
        }
        return ids;
    }
}
