package io.eyrie.queryside.monitor;

import io.eyrie.api.monitor.FindMonitorLog;
import io.eyrie.api.monitor.MonitorLog;
import io.eyrie.api.monitor.MonitorLogFormat;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.queryside.ReadModelServer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import static io.eyrie.api.TestIds.monitor;
import static org.assertj.core.api.Assertions.assertThat;

/** Reads log documents in the shape {@link MonitorLogFormat} names, as the runners write them. */
class MonitorLogReaderTest {
    private static final String WEB = monitor("web").value();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private MongoTemplate mongo;
    private MonitorLogReader reader;

    @BeforeEach
    void emptyLog() {
        mongo = ReadModelServer.template("monitor-log");
        reader = new MonitorLogReader(mongo);
    }

    private void logged(String monitorId, Instant at, MonitorState state, Instant expireAt) {
        Document entry = new Document("checkId", at.toString()).append("at", Date.from(at)).append("state", state.wire())
                .append("passed", state == MonitorState.OK).append("status", 200).append("latencyMillis", 12L)
                .append("reason", "status 200").append("runner", "runner-a")
                .append(MonitorLogFormat.EXPIRE_AT, Date.from(expireAt));
        String id = MonitorLogFormat.bucket(monitorId, at);
        Document bucket = mongo.findById(id, Document.class, MonitorLogFormat.COLLECTION);
        if (bucket == null) {
            bucket = new Document("_id", id).append("monitorId", monitorId).append(MonitorLogFormat.RESULTS, new java.util.ArrayList<>());
        }
        bucket.getList(MonitorLogFormat.RESULTS, Document.class).add(entry);
        bucket.put(MonitorLogFormat.EXPIRE_AT, Date.from(expireAt));
        mongo.save(bucket, MonitorLogFormat.COLLECTION);
    }

    @Test
    void resultsAcrossHoursComeNewestFirstWithinTheSpanAndLimit() {
        for (int minutes = 0; minutes < 180; minutes += 30) {
            logged(WEB, now.minus(minutes, ChronoUnit.MINUTES), MonitorState.OK, now.plus(1, ChronoUnit.DAYS));
        }
        logged(monitor("other").value(), now, MonitorState.ERROR, now.plus(1, ChronoUnit.DAYS));

        MonitorLog log = reader.handle(new FindMonitorLog(monitor("web"), now.minus(2, ChronoUnit.HOURS), now, 100));
        assertThat(log.entries()).extracting(entry -> entry.at()).containsExactly(now, now.minus(30, ChronoUnit.MINUTES),
                now.minus(60, ChronoUnit.MINUTES), now.minus(90, ChronoUnit.MINUTES), now.minus(120, ChronoUnit.MINUTES));
        assertThat(log.entries()).allSatisfy(entry -> assertThat(entry.state()).isEqualTo(MonitorState.OK));

        assertThat(reader.handle(new FindMonitorLog(monitor("web"), now.minus(2, ChronoUnit.HOURS), now, 2)).entries())
                .hasSize(2);
    }

    @Test
    void aResultPastItsScopesRetentionIsNotShownEvenBeforeItIsPruned() {
        logged(WEB, now.minusSeconds(120), MonitorState.ERROR, now.minusSeconds(60));
        logged(WEB, now.minusSeconds(30), MonitorState.OK, now.plusSeconds(30));
        List<MonitorState> shown = reader.handle(new FindMonitorLog(monitor("web"), now.minusSeconds(3600), now, 100))
                .entries().stream().map(entry -> entry.state()).toList();
        assertThat(shown).containsExactly(MonitorState.OK);
    }
}
