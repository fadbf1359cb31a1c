package io.eyrie.queryside.monitor;

import io.eyrie.api.monitor.FindMonitorLog;
import io.eyrie.api.monitor.MonitorLog;
import io.eyrie.api.monitor.MonitorLogEntry;
import io.eyrie.api.monitor.MonitorLogFormat;
import io.eyrie.api.monitor.MonitorState;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Reads the monitor log, which the runners write (one document per monitor and hour, see the README on why check
 * results skip the event store). Not a read model: no projection owns it and a rebuild leaves it alone. The hours
 * asked for are read by key, so a read costs the same however many monitors there are; results whose scope's
 * retention has passed are not shown, even before they are pruned.
 */
@Component
public class MonitorLogReader {
    /** The longest span one read covers. */
    public static final Duration MAX_SPAN = Duration.ofDays(7);

    private final MongoTemplate mongo;

    public MonitorLogReader(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    public MonitorLog handle(FindMonitorLog query) {
        List<String> buckets = new ArrayList<>();
        for (Instant hour = query.to().truncatedTo(ChronoUnit.HOURS); !hour.isBefore(query.from().truncatedTo(ChronoUnit.HOURS));
             hour = hour.minus(1, ChronoUnit.HOURS)) {
            buckets.add(MonitorLogFormat.bucket(query.monitorId().value(), hour));
        }
        Date now = new Date();
        List<MonitorLogEntry> entries = mongo.find(Query.query(where("_id").in(buckets)), Document.class, MonitorLogFormat.COLLECTION)
                .stream()
                .flatMap(bucket -> bucket.getList(MonitorLogFormat.RESULTS, Document.class, List.of()).stream())
                .filter(result -> result.getDate(MonitorLogFormat.EXPIRE_AT) == null
                        || result.getDate(MonitorLogFormat.EXPIRE_AT).after(now))
                .map(MonitorLogReader::entry)
                .filter(entry -> !entry.at().isBefore(query.from()) && !entry.at().isAfter(query.to()))
                .sorted(Comparator.comparing(MonitorLogEntry::at).reversed())
                .limit(query.limit())
                .toList();
        return new MonitorLog(query.monitorId().value(), query.from(), query.to(), entries);
    }

    private static MonitorLogEntry entry(Document result) {
        Number latency = result.get("latencyMillis", Number.class);
        return new MonitorLogEntry(result.getDate("at").toInstant(), MonitorState.fromWire(result.getString("state")),
                Boolean.TRUE.equals(result.getBoolean("passed")), result.getInteger("status"),
                latency == null ? 0 : latency.longValue(), result.getString("reason"), result.getString("runner"),
                result.getString("checkId"));
    }
}
