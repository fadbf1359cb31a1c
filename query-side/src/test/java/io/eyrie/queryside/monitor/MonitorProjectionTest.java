package io.eyrie.queryside.monitor;

import io.eyrie.api.TestEvents;
import io.eyrie.api.monitor.FindMonitor;
import io.eyrie.api.monitor.ListDeploymentMonitors;
import io.eyrie.api.monitor.MonitorChanged;
import io.eyrie.api.monitor.MonitorChecksStarted;
import io.eyrie.api.monitor.MonitorChecksStopped;
import io.eyrie.api.monitor.MonitorCreated;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.monitor.MonitorRemoved;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.monitor.MonitorStateChanged;
import io.eyrie.api.monitor.MonitorType;
import io.eyrie.api.monitor.MonitorView;
import io.eyrie.queryside.ReadModelServer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.group;
import static io.eyrie.api.TestIds.monitor;
import static org.assertj.core.api.Assertions.assertThat;

class MonitorProjectionTest {
    private static final MonitorId WEB = monitor("web");
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final MonitorSpec SPEC = new MonitorSpec(MonitorType.HTTP_REQUEST, "web", 30, 3,
            "http://shop.acme.svc.cluster.local:8080/", "GET", List.of(), null, 5000, 1000, null, null, null, null);

    private MongoTemplate mongo;
    private MonitorProjection projection;

    @BeforeEach
    void emptyReadModel() {
        mongo = ReadModelServer.template("monitors");
        projection = new MonitorProjection(mongo);
    }

    private void created(MonitorId id, String name, boolean checking) {
        projection.on(new MonitorCreated(id, deployment("shop"), ACME_PROJECT, group("web"), "dev",
                SPEC.with(new MonitorSpec(null, name, null, null, null, null, null, null, null, null, null, null, null,
                        null)), TestEvents.target("shop", "nginx:1.27"), checking), "devi", T0);
    }

    @Test
    void aNewMonitorIsUnknownUntilChecked() {
        created(WEB, "web", true);
        MonitorView view = projection.handle(new FindMonitor(WEB)).orElseThrow();
        assertThat(view.state()).isEqualTo(MonitorState.UNKNOWN);
        assertThat(view.checking()).isTrue();
        assertThat(view.project()).isEqualTo("acme");
        assertThat(view.createdBy()).isEqualTo("devi");
    }

    @Test
    void aStateChangeShowsItsReasonRunnerAndTime() {
        created(WEB, "web", true);
        projection.on(new MonitorStateChanged(WEB, deployment("shop"), MonitorState.UNKNOWN, MonitorState.ERROR,
                "3 failures: connection refused", "runner-a", T0.plusSeconds(90)), T0.plusSeconds(91));
        MonitorView view = projection.handle(new FindMonitor(WEB)).orElseThrow();
        assertThat(view.state()).isEqualTo(MonitorState.ERROR);
        assertThat(view.reason()).isEqualTo("3 failures: connection refused");
        assertThat(view.checkedBy()).isEqualTo("runner-a");
        assertThat(view.stateSince()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void stoppedChecksReadUnknownWithTheReasonAndStartAgain() {
        created(WEB, "web", true);
        projection.on(new MonitorStateChanged(WEB, deployment("shop"), MonitorState.UNKNOWN, MonitorState.OK,
                "status 200", "runner-a", T0), T0);
        projection.on(new MonitorChecksStopped(WEB, deployment("shop"), MonitorState.OK, "deployment paused"), T0);
        MonitorView paused = projection.handle(new FindMonitor(WEB)).orElseThrow();
        assertThat(paused.state()).isEqualTo(MonitorState.UNKNOWN);
        assertThat(paused.checking()).isFalse();
        assertThat(paused.reason()).contains("deployment paused");

        projection.on(new MonitorChecksStarted(WEB, deployment("shop"), "release 2 runs", 1));
        assertThat(projection.handle(new FindMonitor(WEB)).orElseThrow().checkingReason()).isEqualTo("release 2 runs");
    }

    @Test
    void anOlderChangeHandledAgainDoesNotUndoANewerOne() {
        created(WEB, "web", true);
        MonitorSpec slow = SPEC.with(new MonitorSpec(null, null, 60, null, null, null, null, null, null, null, null,
                null, null, null));
        MonitorSpec slower = SPEC.with(new MonitorSpec(null, null, 120, null, null, null, null, null, null, null, null,
                null, null, null));
        MonitorChanged first = new MonitorChanged(WEB, deployment("shop"), slow, 1);
        MonitorChanged second = new MonitorChanged(WEB, deployment("shop"), slower, 2);
        projection.on(first, "devi", T0);
        projection.on(second, "devi", T0);
        List<Document> stored = mongo.findAll(Document.class, MonitorDocument.COLLECTION);
        projection.on(first, "devi", T0);
        projection.on(second, "devi", T0);
        assertThat(mongo.findAll(Document.class, MonitorDocument.COLLECTION)).isEqualTo(stored);
        assertThat(projection.handle(new FindMonitor(WEB)).orElseThrow().spec().intervalSeconds()).isEqualTo(120);
    }

    @Test
    void aDeploymentListsItsMonitorsByNameAndARemovedOneGoes() {
        created(WEB, "web", true);
        created(monitor("api"), "api", true);
        projection.on(new MonitorCreated(monitor("other"), deployment("other"), ACME_PROJECT, group("web"), "dev", SPEC,
                TestEvents.target("other", "nginx:1.27"), true), "devi", T0);
        assertThat(projection.handle(new ListDeploymentMonitors(deployment("shop"))))
                .extracting(view -> view.spec().name()).containsExactly("api", "web");

        projection.on(new MonitorRemoved(WEB, deployment("shop"), "web"));
        assertThat(projection.handle(new ListDeploymentMonitors(deployment("shop"))))
                .extracting(view -> view.spec().name()).containsExactly("api");
        assertThat(projection.handle(new FindMonitor(WEB))).isEmpty();
    }
}
