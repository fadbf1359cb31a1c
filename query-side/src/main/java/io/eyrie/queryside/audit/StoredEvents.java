package io.eyrie.queryside.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.List;
import java.util.Optional;

/** Events as the store holds them, column by column, for hashing and for reading. */
final class StoredEvents {
    static final String COLUMNS = "e.globalIndex, e.eventIdentifier, e.aggregateIdentifier, e.sequenceNumber, e.type, "
            + "e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData";
    static final RowMapper<AuditHash.StoredEvent> ROW = (rs, row) -> rs.getObject("globalIndex") == null ? null
            : new AuditHash.StoredEvent(rs.getLong("globalIndex"), rs.getString("eventIdentifier"),
            rs.getString("aggregateIdentifier"), rs.getLong("sequenceNumber"), rs.getString("type"),
            rs.getString("timeStamp"), rs.getString("payloadType"), rs.getString("payloadRevision"),
            rs.getBytes("payload"), rs.getBytes("metaData"));

    private final JdbcTemplate jdbc;

    StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AuditHash.StoredEvent> byIdentifier(String eventIdentifier) {
        List<AuditHash.StoredEvent> found = jdbc.query("SELECT " + COLUMNS
                + " FROM DomainEventEntry e WHERE e.eventIdentifier = ?", ROW, eventIdentifier);
        return found.stream().findFirst();
    }
}
