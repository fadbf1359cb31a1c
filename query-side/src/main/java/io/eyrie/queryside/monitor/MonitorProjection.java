package io.eyrie.queryside.monitor;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.monitor.FindMonitor;
import io.eyrie.api.monitor.ListDeploymentMonitors;
import io.eyrie.api.monitor.MonitorChanged;
import io.eyrie.api.monitor.MonitorChecksStarted;
import io.eyrie.api.monitor.MonitorChecksStopped;
import io.eyrie.api.monitor.MonitorCreated;
import io.eyrie.api.monitor.MonitorRemoved;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.monitor.MonitorStateChanged;
import io.eyrie.api.monitor.MonitorView;
import io.eyrie.queryside.ReadModelBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Each deployment's monitors with their state. Fed with the cards (by deployment), and like them it sets absolute
 * values, so an event handled twice leaves a monitor as it was; a removed monitor's document goes.
 */
@Component
@ProcessingGroup("dashboard-deployments")
public class MonitorProjection {
    private final MongoTemplate mongo;

    public MonitorProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(MonitorCreated event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        MonitorDocument monitor = monitors().findOrCreate(event.monitorId().value(), MonitorDocument::withId);
        monitor.deploymentId = event.deploymentId().value();
        monitor.project = event.project().value();
        monitor.spec = event.spec();
        monitor.state = MonitorState.UNKNOWN;
        monitor.reason = "not checked yet";
        monitor.stateSince = at;
        monitor.checking = event.checking();
        monitor.checkingReason = event.checking() ? "a release runs" : "no release runs";
        monitor.createdBy = initiator;
        monitor.createdAt = at;
        monitor.updatedBy = initiator;
        monitor.updatedAt = at;
        monitors().save(monitor);
    }

    @EventHandler
    public void on(MonitorChanged event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.monitorId().value(), monitor -> {
            if (event.generation() > monitor.generation) {
                monitor.spec = event.spec();
                monitor.generation = event.generation();
                monitor.updatedBy = initiator;
                monitor.updatedAt = at;
            }
        });
    }

    @EventHandler
    public void on(MonitorStateChanged event, @Timestamp Instant at) {
        change(event.monitorId().value(), monitor -> {
            monitor.state = event.to();
            monitor.reason = event.reason();
            monitor.stateSince = event.checkedAt() != null ? event.checkedAt() : at;
            monitor.checkedBy = event.runner();
        });
    }

    @EventHandler
    public void on(MonitorChecksStarted event) {
        change(event.monitorId().value(), monitor -> {
            monitor.checking = true;
            monitor.checkingReason = event.reason();
            monitor.generation = Math.max(monitor.generation, event.generation());
        });
    }

    @EventHandler
    public void on(MonitorChecksStopped event, @Timestamp Instant at) {
        change(event.monitorId().value(), monitor -> {
            monitor.checking = false;
            monitor.checkingReason = event.reason();
            monitor.state = MonitorState.UNKNOWN;
            monitor.reason = "not checked: " + event.reason();
            monitor.stateSince = at;
            monitor.checkedBy = null;
        });
    }

    @EventHandler
    public void on(MonitorRemoved event) {
        monitors().delete(event.monitorId().value());
    }

    @QueryHandler
    public Optional<MonitorView> handle(FindMonitor query) {
        return Optional.ofNullable(mongo.findById(query.monitorId().value(), MonitorDocument.class))
                .map(MonitorDocument::toView);
    }

    @QueryHandler
    public List<MonitorView> handle(ListDeploymentMonitors query) {
        return mongo.find(Query.query(where("deploymentId").is(query.deploymentId().value()))
                        .with(Sort.by("spec.name")), MonitorDocument.class)
                .stream().map(MonitorDocument::toView).toList();
    }

    private void change(String id, Consumer<MonitorDocument> edit) {
        monitors().find(id).ifPresent(monitor -> {
            edit.accept(monitor);
            monitors().save(monitor);
        });
    }

    private ReadModelBatch<MonitorDocument> monitors() {
        return ReadModelBatch.current(mongo, MonitorDocument.class, monitor -> monitor.id);
    }
}
