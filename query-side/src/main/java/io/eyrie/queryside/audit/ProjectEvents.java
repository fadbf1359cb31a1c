package io.eyrie.queryside.audit;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A project's events in store order, up to an instant, as the events themselves: read from the event store through
 * the audit chain's index of which project each event belongs to.
 */
@Component
public class ProjectEvents {
    private final StreamedQueries streamed;
    private final Serializer events;

    ProjectEvents(DataSource dataSource, @Qualifier("eventSerializer") Serializer events) {
        this.streamed = new StreamedQueries(dataSource);
        this.events = events;
    }

    public interface Visitor {
        void visit(Object event, Instant at, long position);
    }

    /** Events stored before {@code until} (inclusive when {@code inclusive}) of the aggregates named {@code prefix}. */
    public void forEach(String project, Instant until, boolean inclusive, String prefix, Visitor visitor) {
        String sql = "SELECT e.globalIndex, e.timeStamp, e.payloadType, e.payloadRevision, e.payload "
                + "FROM audit_chain c JOIN DomainEventEntry e ON e.globalIndex = c.global_index "
                + "WHERE c.project = ? AND e.aggregateIdentifier LIKE ? "
                + "AND CAST(e.timeStamp AS timestamptz) " + (inclusive ? "<=" : "<") + " ? ORDER BY e.globalIndex";
        streamed.run(jdbc -> {
            jdbc.query(sql, row -> {
                Object event = events.deserialize(new SimpleSerializedObject<>(row.getBytes("payload"),
                        byte[].class, row.getString("payloadType"), row.getString("payloadRevision")));
                visitor.visit(event, Instant.parse(row.getString("timeStamp")), row.getLong("globalIndex"));
            }, project, prefix + "%", Timestamp.from(until));
            return null;
        });
    }
}
