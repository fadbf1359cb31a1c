package io.eyrie.bookrunner.monitor;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.eyrie.api.monitor.MonitorLogFormat;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.platform.local.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.eyrie.api.TestIds.monitor;
import static org.assertj.core.api.Assertions.assertThat;

/** The log against the embedded MongoDB server, which has no TTL index: pruning does its work. */
class MongoCheckLogTest {
    private static final String WEB = monitor("web").value();
    private EmbeddedMongo server;
    private MongoClient client;
    private MongoTemplate mongo;
    private MongoCheckLog checkLog;

    @BeforeEach
    void start() {
        server = EmbeddedMongo.inMemory();
        client = MongoClients.create(server.uri("eyrie"));
        mongo = new MongoTemplate(client, "eyrie");
        checkLog = new MongoCheckLog(mongo);
        checkLog.prepare();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static LoggedCheck check(String id, Instant at, Instant expireAt) {
        return new LoggedCheck(id, WEB, "d-1", "acme", at, MonitorState.OK, true, 200, 12, "status 200", "runner-a",
                expireAt);
    }

    private List<Document> results(Instant at) {
        Document bucket = mongo.findById(MonitorLogFormat.bucket(WEB, at), Document.class, MonitorLogFormat.COLLECTION);
        return bucket == null ? List.of() : bucket.getList(MonitorLogFormat.RESULTS, Document.class);
    }

    @Test
    void resultsOfOneHourShareADocumentAndARetriedWriteAddsNothing() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<LoggedCheck> checks = List.of(check("c1", hour.plusSeconds(1), hour.plusSeconds(86_400)),
                check("c2", hour.plusSeconds(31), hour.plusSeconds(86_430)));
        checkLog.write(checks);
        checkLog.write(checks);
        checkLog.write(List.of(check("c3", hour.plusSeconds(3_601), hour.plusSeconds(90_000))));

        assertThat(results(hour)).extracting(result -> result.getString("checkId")).containsExactly("c1", "c2");
        assertThat(results(hour.plusSeconds(3_601))).hasSize(1);
        assertThat(mongo.findById(MonitorLogFormat.bucket(WEB, hour), Document.class, MonitorLogFormat.COLLECTION)
                .getDate(MonitorLogFormat.EXPIRE_AT).toInstant()).isEqualTo(hour.plusSeconds(86_430));
    }

    @Test
    void pruningRemovesExpiredResultsAndDocumentsWhoseResultsAllExpired() {
        Instant now = Instant.now();
        Instant lastHour = now.minus(1, ChronoUnit.HOURS);
        checkLog.write(List.of(check("old-1", lastHour, now.minusSeconds(5)), check("old-2", lastHour, now.minusSeconds(1))));
        checkLog.write(List.of(check("expired", now, now.minusSeconds(1)), check("kept", now, now.plusSeconds(60))));

        assertThat(checkLog.prune()).isEqualTo(1);

        assertThat(results(lastHour)).isEmpty();
        assertThat(results(now)).extracting(result -> result.getString("checkId")).containsExactly("kept");
    }
}
