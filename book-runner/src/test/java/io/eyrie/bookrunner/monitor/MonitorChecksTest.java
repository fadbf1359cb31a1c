package io.eyrie.bookrunner.monitor;

import com.sun.net.httpserver.HttpServer;
import io.eyrie.api.AuditMetaData;
import io.eyrie.api.TestEvents;
import io.eyrie.api.monitor.MonitorChecksStopped;
import io.eyrie.api.monitor.MonitorCreated;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.monitor.MonitorLogFormat;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.monitor.MonitorStateChanged;
import io.eyrie.api.monitor.MonitorType;
import io.eyrie.bookrunner.BookRunnerApplication;
import io.eyrie.platform.local.EmbeddedMongo;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runners checking monitors against a local responder, on a real PostgreSQL event store and the embedded MongoDB:
 * states change only when the thresholds say, each check runs once, and monitors outlive the runner that had them.
 */
class MonitorChecksTest {
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgres.ephemeral();
    private static final EmbeddedMongo MONGO = EmbeddedMongo.inMemory();
    private static final DevKeys KEYS = DevKeys.temporary();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<ConfigurableApplicationContext> runners = new ArrayList<>();
    private HttpServer responder;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;

    @BeforeEach
    void startResponder() throws IOException {
        responder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger flaps = new AtomicInteger();
        responder.createContext("/flap", exchange -> {
            int code = flaps.getAndIncrement() % 2 == 0 ? 200 : 503;
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        responder.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "fine".getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        responder.start();
    }

    @AfterEach
    void stopAll() {
        runners.forEach(ConfigurableApplicationContext::close);
        runners.clear();
        responder.stop(0);
    }

    @AfterAll
    static void stopStores() {
        MONGO.close();
        POSTGRES.close();
    }

    @Test
    void aMonitorGoesOkThenErrorAfterItsFailuresAndEachChangeIsOneEvent() {
        ConfigurableApplicationContext runner = start("runner-a");
        MonitorId web = create(runner, url("/health"), 2);

        await().atMost(TIMEOUT).until(() -> states(runner, web).contains(MonitorState.OK));
        status = 503;
        await().atMost(TIMEOUT).until(() -> states(runner, web).contains(MonitorState.ERROR));

        assertThat(states(runner, web)).containsExactly(MonitorState.OK, MonitorState.ERROR);
        MonitorStateChanged error = changes(runner, web).getLast();
        assertThat(error.reason()).isEqualTo("2 consecutive failed checks: status 503, expected 2xx");
        assertThat(error.runner()).isEqualTo("runner-a");
        DomainEventMessage<?> stored = runner.getBean(EventStore.class).readEvents(web.toString()).asStream()
                .reduce((first, second) -> second).orElseThrow();
        assertThat(stored.getMetaData().get(AuditMetaData.INITIATOR)).isEqualTo(MonitorChecks.INITIATOR);
        assertThat(stored.getMetaData().get(AuditMetaData.CORRELATION_ID)).isNotNull();

        // The failed check before the error is in the log, with its reason, though it changed no state.
        assertThat(logReasons(runner, web)).contains("failed check 1 of 2 before error: status 503, expected 2xx");
    }

    /** Every other check fails: never two in a row, so never error, and no event after the first ok. */
    @Test
    void aFlappingTargetStaysOkAndItsFailuresAreOnlyInTheLog() {
        ConfigurableApplicationContext runner = start("runner-a");
        MonitorId flapping = create(runner, url("/flap"), 2);
        await().atMost(TIMEOUT).until(() -> logReasons(runner, flapping).size() >= 6);
        assertThat(states(runner, flapping)).containsExactly(MonitorState.OK);
        assertThat(logReasons(runner, flapping)).contains("status 200")
                .contains("failed check 1 of 2 before error: status 503, expected 2xx");
    }

    /** A result's expireAt is its check's time plus its scope's monitorLogDeleteAfterSeconds; pruning goes by it. */
    @Test
    void theLogKeepsEachResultForItsScopesRetention() {
        ConfigurableApplicationContext runner = start("runner-a");
        io.eyrie.api.project.GroupId kept = io.eyrie.api.project.GroupId.random();
        io.eyrie.api.project.Scope scope = new io.eyrie.api.project.Scope("dev", true, null, null, 120L, List.of(), null,
                io.eyrie.api.project.Role.DEVELOPER, io.eyrie.api.project.Concurrency.QUEUE, List.of(), List.of());
        runner.getBean(EventStore.class).publish(new GenericDomainEventMessage<>("DeploymentGroup", kept.toString(), 0,
                new io.eyrie.api.project.ScopeDefined(kept, ACME_PROJECT, scope, null), MetaData.with(AuditMetaData.INITIATOR, "adam")));
        MonitorId id = MonitorId.random();
        MonitorSpec spec = new MonitorSpec(MonitorType.HTTP_REQUEST, "web", 1, 3, url("/kept"), "GET", List.of(), null,
                500, 400, null, null, null, null);
        append(runner, id, 0, new MonitorCreated(id, deployment("shop"), ACME_PROJECT, kept, "dev", spec,
                TestEvents.target("shop", "nginx:1.27"), true));

        await().atMost(TIMEOUT).until(() -> !logResults(runner, id).isEmpty());
        Document result = logResults(runner, id).getFirst();
        assertThat(result.getDate("expireAt").getTime() - result.getDate("at").getTime()).isEqualTo(120_000);
    }

    private static List<Document> logResults(ConfigurableApplicationContext runner, MonitorId id) {
        return runner.getBean(MongoTemplate.class).find(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("monitorId").is(id.value())),
                Document.class, MonitorLogFormat.COLLECTION).stream()
                .flatMap(bucket -> bucket.getList(MonitorLogFormat.RESULTS, Document.class).stream()).toList();
    }

    @Test
    void aStoppedMonitorIsNotChecked() throws Exception {
        ConfigurableApplicationContext runner = start("runner-a");
        MonitorId web = create(runner, url("/health"), 3);
        await().atMost(TIMEOUT).until(() -> states(runner, web).contains(MonitorState.OK));
        append(runner, web, 2, new MonitorChecksStopped(web, deployment("shop"), MonitorState.OK, "deployment paused"));
        await().atMost(TIMEOUT).until(() -> !scheduleRow(runner, web).get("checking").equals(Boolean.TRUE));
        int before = requests.get();
        Thread.sleep(2_500);
        assertThat(requests.get()).isLessThanOrEqualTo(before + 1);
    }

    @Test
    void twoRunnersShareTheMonitorsCheckEachOncePerIntervalAndOneGoesOnWhenTheOtherStops() {
        ConfigurableApplicationContext a = start("runner-a");
        ConfigurableApplicationContext b = start("runner-b");
        List<MonitorId> monitors = IntStream.range(0, 100).mapToObj(i -> create(a, url("/m" + i), 3)).toList();
        await().atMost(TIMEOUT).until(() -> monitors.stream().allMatch(monitor -> states(a, monitor).contains(MonitorState.OK)));

        // A tick takes at most 20 due checks here, so the other runner takes the rest.
        await().atMost(TIMEOUT).until(() -> logRunners(a, monitors).containsAll(List.of("runner-a", "runner-b")));

        // Runner a stops mid-interval: b checks all of them from then on.
        a.close();
        long checkedByB = b.getBean(MonitorChecks.class).checksDone();
        await().atMost(TIMEOUT).until(() -> b.getBean(MonitorChecks.class).checksDone() >= checkedByB + 2L * monitors.size());
        assertThat(JdbcClient.create(b.getBean(javax.sql.DataSource.class))
                .sql("SELECT count(*) FROM monitor_schedule WHERE claimed_by = 'runner-a'").query(Long.class).single())
                .isZero();

        // No check ran twice: per monitor, results are at least most of an interval apart.
        MongoTemplate mongo = b.getBean(MongoTemplate.class);
        for (MonitorId monitor : monitors.subList(0, 10)) {
            List<java.util.Date> times = mongo.find(org.springframework.data.mongodb.core.query.Query.query(
                            org.springframework.data.mongodb.core.query.Criteria.where("monitorId").is(monitor.value())),
                    Document.class, MonitorLogFormat.COLLECTION).stream()
                    .flatMap(bucket -> bucket.getList(MonitorLogFormat.RESULTS, Document.class).stream())
                    .map(result -> result.getDate("at")).sorted().toList();
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i).getTime() - times.get(i - 1).getTime()).as("checks of " + monitor)
                        .isGreaterThanOrEqualTo(400);
            }
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + responder.getAddress().getPort() + path;
    }

    private ConfigurableApplicationContext start(String name) {
        Map<String, Object> properties = new HashMap<>(POSTGRES.eventStoreProperties());
        properties.putAll(KEYS.serviceProperties());
        properties.put("server.port", "0");
        properties.put("eyrie.runner.name", name);
        properties.put("spring.mongodb.uri", MONGO.uri("eyrie"));
        properties.put("eyrie.runner.monitors.tick", "100ms");
        properties.put("eyrie.runner.monitors.batch", "20");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BookRunnerApplication.class)
                .run(properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
        runners.add(context);
        return context;
    }

    /** A monitor checked every second (below the API's limit: the schedule takes what its events say). */
    private static MonitorId create(ConfigurableApplicationContext runner, String url, int failuresToError) {
        MonitorId id = MonitorId.random();
        MonitorSpec spec = new MonitorSpec(MonitorType.HTTP_REQUEST, "web", 1, failuresToError, url, "GET", List.of(),
                null, 500, 400, null, null, null, null);
        append(runner, id, 0, new MonitorCreated(id, deployment("shop"), ACME_PROJECT, group("web"), "dev", spec,
                TestEvents.target("shop", "nginx:1.27"), true));
        return id;
    }

    private static void append(ConfigurableApplicationContext runner, MonitorId id, long sequence, Object event) {
        EventStore store = runner.getBean(EventStore.class);
        long next = store.lastSequenceNumberFor(id.toString()).map(last -> last + 1).orElse(sequence);
        store.publish(new GenericDomainEventMessage<>("Monitor", id.toString(), next, event,
                MetaData.with(AuditMetaData.INITIATOR, "devi")));
    }

    private static List<MonitorStateChanged> changes(ConfigurableApplicationContext runner, MonitorId id) {
        return runner.getBean(EventStore.class).readEvents(id.toString()).asStream()
                .map(DomainEventMessage::getPayload).filter(MonitorStateChanged.class::isInstance)
                .map(MonitorStateChanged.class::cast).toList();
    }

    private static java.util.Set<String> logRunners(ConfigurableApplicationContext runner, List<MonitorId> ids) {
        return runner.getBean(MongoTemplate.class).findAll(Document.class, MonitorLogFormat.COLLECTION).stream()
                .filter(bucket -> ids.stream().anyMatch(id -> id.value().equals(bucket.getString("monitorId"))))
                .flatMap(bucket -> bucket.getList(MonitorLogFormat.RESULTS, Document.class).stream())
                .map(result -> result.getString("runner")).collect(java.util.stream.Collectors.toSet());
    }

    private static List<MonitorState> states(ConfigurableApplicationContext runner, MonitorId id) {
        return changes(runner, id).stream().map(MonitorStateChanged::to).toList();
    }

    private static Map<String, Object> scheduleRow(ConfigurableApplicationContext runner, MonitorId id) {
        return JdbcClient.create(runner.getBean(javax.sql.DataSource.class))
                .sql("SELECT * FROM monitor_schedule WHERE monitor_id = :id").param("id", id.value())
                .query().singleRow();
    }

    private static List<String> logReasons(ConfigurableApplicationContext runner, MonitorId id) {
        return runner.getBean(MongoTemplate.class).find(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("monitorId").is(id.value())),
                Document.class, MonitorLogFormat.COLLECTION).stream()
                .flatMap(bucket -> bucket.getList(MonitorLogFormat.RESULTS, Document.class).stream())
                .map(result -> result.getString("reason")).toList();
    }
}
