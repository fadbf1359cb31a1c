package io.eyrie.queryside.rebuild;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the generations being built hold, as far as this instance's rebuild processor knows, so that it reads
 * almost nothing back: a rebuild starts from empty collections, most of its reads would find nothing, and the rest
 * would find what it wrote itself a batch or two before.
 * <p>
 * Only one rebuild processor writes a generation being built, with one segment ({@link RebuildLanes}), so on the
 * instance that holds its claim the ids here are a superset of what is stored, and the documents here are what it
 * last wrote. Both are forgotten when that may no longer hold: after any rolled-back batch (a segment can only
 * change hands through one), when a processor's segment is claimed or released (its read models only), and when the
 * processors start; the ids are then learnt again from the collection. Past {@code idLimit} ids a
 * collection is read as usual; at most {@code documentLimit} documents are kept, the least recently used dropped.
 */
@Component
public class BuiltDocuments {
    private static final Set<String> TOO_MANY = Set.of();

    private final int idLimit;
    private final Map<String, Set<String>> ids = new HashMap<>();
    private final LinkedHashMap<String, Object> documents;

    BuiltDocuments(@Value("${eyrie.read-models.rebuild-known-ids:200000}") int idLimit,
                   @Value("${eyrie.read-models.rebuild-cached-documents:20000}") int documentLimit) {
        this.idLimit = idLimit;
        this.documents = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > documentLimit;
            }
        };
    }

    /** The document as this processor last wrote it, or null when it has to be looked for. */
    public synchronized Object written(String collection, String id) {
        return documents.get(key(collection, id));
    }

    /** False when {@code id} is certainly not in {@code collection}; true when it may be, and must be read. */
    public synchronized boolean mayHold(MongoTemplate mongo, String collection, String id) {
        Set<String> known = ids.computeIfAbsent(collection, name -> load(mongo, name));
        return known == TOO_MANY || known.contains(id);
    }

    /**
     * Called before the batch writes them (a removal is {@code null}), so that a write that fails half-way still
     * leaves the ids a superset; the batch rolls back, and this is forgotten.
     */
    public synchronized void writing(String collection, Map<String, ?> changed) {
        Set<String> known = ids.get(collection);
        if (known != null && known != TOO_MANY) {
            if (known.size() + changed.size() > idLimit) {
                ids.put(collection, TOO_MANY);
            } else {
                known.addAll(changed.keySet());
            }
        }
        changed.forEach((id, document) -> {
            if (document == null) {
                documents.remove(key(collection, id));
            } else {
                documents.put(key(collection, id), document);
            }
        });
    }

    /** Forgets everything; each collection's ids are learnt again from MongoDB when next used. */
    public synchronized void forget() {
        ids.clear();
        documents.clear();
    }

    /** Forgets what {@code models}' collections hold, as a processor that builds them lets go of its segment. */
    public synchronized void forget(java.util.Collection<ReadModel> models) {
        ids.keySet().removeIf(collection -> ofAny(collection, models));
        documents.keySet().removeIf(key -> ofAny(key.substring(0, key.indexOf('\u0000')), models));
    }

    private static boolean ofAny(String collection, java.util.Collection<ReadModel> models) {
        String base = collection.replaceFirst("_g\\d+$", "");
        return ReadModel.owning(base).filter(models::contains).isPresent();
    }

    private static String key(String collection, String id) {
        return collection + '\u0000' + id;
    }

    private Set<String> load(MongoTemplate mongo, String collection) {
        Set<String> found = new HashSet<>();
        for (Document document : mongo.getCollection(collection).find().projection(new Document("_id", 1))) {
            if (found.size() >= idLimit) {
                return TOO_MANY;
            }
            Object id = document.get("_id");
            found.add(id instanceof ObjectId objectId ? objectId.toHexString() : String.valueOf(id));
        }
        return found;
    }
}
