package io.eyrie.queryside.audit;

import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.project.ProjectId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Chains every stored event into its project's hash chain: link n's hash covers the event's stored form and link
 * n-1's hash. The order is the order this processor sees events in, not the global index: a transaction that
 * commits late fills a gap below events already chained, and simply becomes the next link. One segment, one writer;
 * each link is written in the processor's own transaction with its token, so an event is chained exactly once, and
 * a replay finds its links there and leaves them. An event it cannot chain is retried, never skipped.
 * Events of no project (clusters, Books) form the chain {@value #PLATFORM}.
 */
@Component
@ProcessingGroup(AuditChain.GROUP)
public class AuditChain {
    public static final String GROUP = "audit-chain";
    static final String PLATFORM = "-";

    private final JdbcTemplate jdbc;
    private final StoredEvents events;

    AuditChain(DataSource dataSource) {
        // Joins the processor's transaction on the same DataSource, with the token.
        this.jdbc = new JdbcTemplate(dataSource);
        this.events = new StoredEvents(jdbc);
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        AuditHash.StoredEvent stored = events.byIdentifier(message.getIdentifier()).orElseThrow(() ->
                new IllegalStateException("event " + message.getIdentifier() + " is not in the event store"));
        if (!jdbc.queryForList("SELECT 1 FROM audit_chain WHERE global_index = ?", stored.globalIndex()).isEmpty()) {
            return;
        }
        String[] scope = scope(payload, stored.aggregateIdentifier());
        List<Map<String, Object>> last = jdbc.queryForList(
                "SELECT link, hash FROM audit_chain WHERE project = ? ORDER BY link DESC LIMIT 1", scope[0]);
        long link = last.isEmpty() ? 1 : ((Number) last.getFirst().get("link")).longValue() + 1;
        String previous = last.isEmpty() ? AuditHash.GENESIS : (String) last.getFirst().get("hash");
        jdbc.update("INSERT INTO audit_chain (global_index, project, link, deployment, hash) VALUES (?, ?, ?, ?, ?)",
                stored.globalIndex(), scope[0], link, scope[1], AuditHash.of(previous, stored));
    }

    /** The event's project and deployment, as it names them or as its aggregate's earlier events did. */
    private String[] scope(Object payload, String aggregate) {
        String project = null;
        String deployment = null;
        if (payload.getClass().isRecord()) {
            for (RecordComponent component : payload.getClass().getRecordComponents()) {
                Object value = read(component, payload);
                if (project == null && value instanceof ProjectId id) {
                    project = id.value();
                } else if (deployment == null && value instanceof DeploymentId id) {
                    deployment = id.value();
                }
            }
        }
        List<Map<String, Object>> known = jdbc.queryForList(
                "SELECT project, deployment FROM audit_scopes WHERE aggregate_id = ?", aggregate);
        if (!known.isEmpty()) {
            project = project != null ? project : (String) known.getFirst().get("project");
            deployment = deployment != null ? deployment : (String) known.getFirst().get("deployment");
        } else if (project != null) {
            jdbc.update("INSERT INTO audit_scopes (aggregate_id, project, deployment) VALUES (?, ?, ?) "
                    + "ON CONFLICT (aggregate_id) DO NOTHING", aggregate, project, deployment);
        }
        return new String[]{project != null ? project : PLATFORM, deployment};
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }
}
