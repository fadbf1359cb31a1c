package io.eyrie.bookrunner.monitor;

import io.eyrie.api.monitor.MonitorLogFormat;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The monitor log in MongoDB: one document per monitor and hour ({@code <monitorId>:<hour>}), so a day of 30 s checks
 * is 24 small documents read by key, and a tick's results are one bulk write. Each result carries its own
 * {@code expireAt}, from its scope's {@code monitorLogDeleteAfterSeconds}; the document's is its latest result's, so a
 * TTL index removes it once all its results expired, and readers skip the expired results of a document still kept.
 * MongoDB runs the TTL index itself; a store without one (the embedded server) is pruned by {@link #prune}.
 */
class MongoCheckLog implements CheckLog {
    static final String COLLECTION = MonitorLogFormat.COLLECTION;

    private final MongoTemplate mongo;

    MongoCheckLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The TTL index; the embedded server ignores it, and {@link #prune} does its work there. */
    @Override
    public void prepare() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on(MonitorLogFormat.EXPIRE_AT, org.springframework.data.domain.Sort.Direction.ASC)
                .expire(0, TimeUnit.SECONDS).named("monitor_log_ttl"));
    }

    /** Results already written (a retry after a partial failure) are not added twice: each has its check's id. */
    @Override
    public void write(List<LoggedCheck> checks) {
        if (checks.isEmpty()) {
            return;
        }
        Map<String, List<LoggedCheck>> byBucket = new LinkedHashMap<>();
        for (LoggedCheck check : checks) {
            byBucket.computeIfAbsent(MonitorLogFormat.bucket(check.monitorId(), check.at()), key -> new java.util.ArrayList<>()).add(check);
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        byBucket.forEach((id, results) -> {
            LoggedCheck first = results.getFirst();
            Instant expireAt = results.stream().map(LoggedCheck::expireAt).max(Comparator.naturalOrder()).orElseThrow();
            Update update = new Update()
                    .setOnInsert("monitorId", first.monitorId())
                    .setOnInsert("deploymentId", first.deploymentId())
                    .setOnInsert("project", first.project())
                    .setOnInsert("hour", Date.from(first.at().truncatedTo(ChronoUnit.HOURS)))
                    .max(MonitorLogFormat.EXPIRE_AT, Date.from(expireAt));
            update.addToSet(MonitorLogFormat.RESULTS).each(results.stream().map(MongoCheckLog::entry).toArray());
            bulk.upsert(Query.query(where("_id").is(id)), update);
        });
        bulk.execute();
    }

    private static Document entry(LoggedCheck check) {
        Document entry = new Document("checkId", check.checkId())
                .append("at", Date.from(check.at()))
                .append("state", check.state().wire())
                .append("passed", check.passed())
                .append("latencyMillis", check.latencyMillis())
                .append("reason", check.reason())
                .append("runner", check.runner())
                .append(MonitorLogFormat.EXPIRE_AT, Date.from(check.expireAt()));
        if (check.status() != null) {
            entry.append("status", check.status());
        }
        return entry;
    }

    /** Documents whose every result expired go; the expired results of the others are taken out of them. */
    @Override
    public long prune() {
        Date now = Date.from(Instant.now());
        long removed = mongo.remove(Query.query(where(MonitorLogFormat.EXPIRE_AT).lt(now)), COLLECTION).getDeletedCount();
        mongo.updateMulti(Query.query(where(MonitorLogFormat.RESULTS + "." + MonitorLogFormat.EXPIRE_AT).lt(now)),
                new Update().pull(MonitorLogFormat.RESULTS, Query.query(where(MonitorLogFormat.EXPIRE_AT).lt(now))), COLLECTION);
        return removed;
    }
}
