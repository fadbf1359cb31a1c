package io.eyrie.bookrunner.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eyrie.api.monitor.MonitorChanged;
import io.eyrie.api.monitor.MonitorChecksStarted;
import io.eyrie.api.monitor.MonitorChecksStopped;
import io.eyrie.api.monitor.MonitorCreated;
import io.eyrie.api.monitor.MonitorRemoved;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.project.ScopeDefined;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code monitor_schedule} as the monitors' events say, in the transaction that moves this processor's token:
 * a monitor is scheduled and its event marked handled, or neither. A start or a change begins a new generation,
 * checked at once with its failures counted afresh; older events handled again change nothing.
 */
@Component
@ProcessingGroup(MonitorSchedule.PROCESSING_GROUP)
class MonitorSchedule {
    static final String PROCESSING_GROUP = "monitor-schedule";
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final JdbcClient jdbc;

    MonitorSchedule(JdbcClient monitorJdbc) {
        this.jdbc = monitorJdbc;
    }

    @EventHandler
    void on(MonitorCreated event) {
        jdbc.sql("""
                        INSERT INTO monitor_schedule (monitor_id, deployment_id, project, group_id, scope, spec, target,
                               generation, checking, interval_seconds, next_check_at, state, failures, reported_state)
                        VALUES (:id, :deployment, :project, :group, :scope, :spec, :target, 0, :checking, :interval,
                               now(), 'UNKNOWN', 0, 'UNKNOWN')
                        ON CONFLICT (monitor_id) DO NOTHING""")
                .param("id", event.monitorId().value()).param("deployment", event.deploymentId().value())
                .param("project", event.project().value()).param("group", event.group().value())
                .param("scope", event.scope()).param("spec", json(event.spec())).param("target", json(event.target()))
                .param("checking", event.checking()).param("interval", event.spec().intervalSeconds())
                .update();
    }

    @EventHandler
    void on(MonitorChanged event) {
        jdbc.sql("""
                        UPDATE monitor_schedule SET spec = :spec, interval_seconds = :interval, generation = :generation,
                               failures = 0, next_check_at = now()
                        WHERE monitor_id = :id AND generation < :generation""")
                .param("spec", json(event.spec())).param("interval", event.spec().intervalSeconds())
                .param("generation", event.generation()).param("id", event.monitorId().value()).update();
    }

    @EventHandler
    void on(MonitorChecksStarted event) {
        jdbc.sql("""
                        UPDATE monitor_schedule SET checking = TRUE, generation = :generation, failures = 0,
                               next_check_at = now()
                        WHERE monitor_id = :id AND generation < :generation""")
                .param("generation", event.generation()).param("id", event.monitorId().value()).update();
    }

    /** The aggregate recorded {@code unknown} with the stop, so that is what it was last told. */
    @EventHandler
    void on(MonitorChecksStopped event) {
        jdbc.sql("""
                        UPDATE monitor_schedule SET checking = FALSE, failures = 0, state = :unknown,
                               reported_state = :unknown
                        WHERE monitor_id = :id""")
                .param("unknown", MonitorState.UNKNOWN.name()).param("id", event.monitorId().value()).update();
    }

    @EventHandler
    void on(MonitorRemoved event) {
        jdbc.sql("DELETE FROM monitor_schedule WHERE monitor_id = :id").param("id", event.monitorId().value()).update();
    }

    @EventHandler
    void on(ScopeDefined event) {
        jdbc.sql("""
                        INSERT INTO monitor_scopes (group_id, scope, retention_seconds) VALUES (:group, :scope, :retention)
                        ON CONFLICT (group_id, scope) DO UPDATE SET retention_seconds = EXCLUDED.retention_seconds""")
                .param("group", event.group().value()).param("scope", event.scope().name())
                .param("retention", event.scope().monitorLogDeleteAfterSeconds()).update();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
